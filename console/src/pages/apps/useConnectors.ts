import { oa } from '../../api/oa';
import { useLoad } from '../../ui/useLoad';

/** The company's OA connectors an app may sign its users in through (none when the list is refused). */
export function useConnectors(companyId: string) {
  return useLoad(() => oa.list(companyId).catch(() => []), [companyId]);
}
