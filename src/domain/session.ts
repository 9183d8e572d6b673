/** An IoT user session: one sign-in of one identity through one app, refreshed in place. */
export interface IotSession {
  sessionId: string;
  companyId: string;
  employeeId: string;
  identityId: string;
  appKey: string;
  createdAt: number;
  revokedAt: number | null;
}

/** One issued token pair, as stored: hashes only. */
export interface SessionTokenHashes {
  iotTokenHash: string;
  refreshTokenHash: string;
  iotExpiresAt: number;
  refreshExpiresAt: number;
}

/** What a refresh token is, looked up whatever its state. */
export interface RefreshTokenState {
  session: IotSession;
  rotatedAt: number | null;
  refreshExpiresAt: number;
}

/** IoT user sessions and their token pairs. Tokens are passed already hashed. */
export interface SessionRepository {
  /** Stores a new session with its first pair. */
  insertSession(session: IotSession, pair: SessionTokenHashes, now: number): Promise<void>;
  /**
   * Serializes session changes of one employee until the transaction ends (a row lock on
   * PostgreSQL; SQLite runs one writer at a time anyway). Call first, inside the transaction.
   */
  lockEmployee(companyId: string, employeeId: string): Promise<void>;
  /** Revokes the identity's live sessions in the app except the newest `keep`; returns how many. */
  revokeOlder(identityId: string, appKey: string, keep: number, now: number): Promise<number>;
  /** The live session of a current, unexpired iotToken; undefined otherwise. */
  findByIotToken(iotTokenHash: string, now: number): Promise<IotSession | undefined>;
  /**
   * Marks a current, unexpired refresh token of a live session used, atomically: of concurrent
   * callers exactly one gets the session back; the others get undefined.
   */
  consumeRefresh(refreshTokenHash: string, now: number): Promise<IotSession | undefined>;
  /** A refresh token's session and state, used or not (for reuse detection). */
  findRefresh(refreshTokenHash: string): Promise<RefreshTokenState | undefined>;
  /** Adds the next pair to a session (after consumeRefresh, in the same transaction). */
  insertPair(sessionId: string, pair: SessionTokenHashes, now: number): Promise<void>;
  revokeSession(sessionId: string, now: number): Promise<void>;
  /** Ends every live session of an employee; returns how many. */
  revokeEmployee(companyId: string, employeeId: string, now: number): Promise<number>;
  /**
   * Deletes token pairs whose refresh token has expired (nothing can use or replay them any more) and
   * sessions left without pairs; returns how many rows went.
   */
  sweepExpired(now: number): Promise<number>;
  /** The same by employee id alone (ids are unique across companies), for the admin command. */
  revokeEmployeeAnywhere(employeeId: string, now: number): Promise<number>;
  /** Ends every live session of the app (the admin API's revoke-tokens); returns how many. */
  revokeApp(appKey: string, now: number): Promise<number>;
}
