/** Which employees a listing shows: serving ones, resigned ones, or both. */
export type EmployeeStatusFilter = 'active' | 'resigned' | 'all';
