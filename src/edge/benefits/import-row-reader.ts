import type { ImportRowReader } from '#src/app/import/import-row.js';
import { invalidParam } from '#src/domain/errors.js';
import { refuseControlCharacters } from './control-characters.js';
import { readEmployeeFields, RULES } from './employee-fields.js';
import { requiredText, sent } from './param-rules.js';

/**
 * An import row read by exactly the steps `/employee/add` and `/employee/update` take with the same
 * parameters (control characters, then userid, then name, then every field), so a row fails with the
 * code and message those calls answer. The password fields are not template columns: never read.
 */
export const benefitsImportRowReader: ImportRowReader = {
  keys: (params) => ({ userid: sent(params, 'userid'), mobile: sent(params, 'mobile'), mobileArea: sent(params, 'mobile_area'), email: sent(params, 'email') }),
  forAdd(params) {
    refuseControlCharacters(params);
    const userid = requiredText(params, 'userid', RULES.userid);
    const name = requiredText(params, 'name', RULES.name);
    return { userid, fields: { ...readEmployeeFields(params), name } };
  },
  forUpdate(params) {
    refuseControlCharacters(params);
    const fields = readEmployeeFields(params);
    // As /employee/update: a name is required where it is given; blank is not a name.
    if (fields.name !== undefined && fields.name.trim() === '') throw invalidParam('name', 'is required');
    return fields;
  },
};
