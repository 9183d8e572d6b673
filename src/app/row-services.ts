import type { Store } from '#src/domain/ports.js';
import type { BenefitsEmployeeService } from './benefits-employee.service.js';
import type { DepartmentService } from './department.service.js';

/** The services a synchronized row goes through, built over a given store (see storeInTransaction). */
export interface RowServices {
  employees: BenefitsEmployeeService;
  departments: DepartmentService;
}

/** Builds the services over a store; the container provides it, so they carry its configuration. */
export type RowServicesOver = (store: Store) => RowServices;
