/**
 * The sub-records of an enterprise profile, each versioned: products and capacities (主要产品及产能), production
 * processes (生产工艺), equipment (生产装备) and treatment facilities (污染治理设施) — Jiangsu guideline Appendix A
 * 一 and 二, Guangdong form basic information. Who may change them: as the profile (`requireEnterpriseEditor`).
 * An item is addressed through its enterprise: an item of another enterprise answers 404.
 */
import type {
  createEquipmentBody,
  createProcessBody,
  createProductBody,
  createTreatmentFacilityBody,
  equipmentSchema,
  processSchema,
  productSchema,
  treatmentFacilitySchema,
  updateEquipmentBody,
  updateProcessBody,
  updateProductBody,
  updateTreatmentFacilityBody,
} from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import {
  type EnterpriseEquipment,
  type EnterpriseProcess,
  type EnterpriseProduct,
  enterpriseEquipment,
  enterpriseProcesses,
  enterpriseProducts,
  executeRows,
  type TreatmentFacility,
  type Tx,
  treatmentFacilities,
  type VersionedTable,
} from '../../db/index.ts';
import { type ServiceContext, write } from '../context.ts';
import { notFound } from '../scope.ts';
import { guardDb, isEmpty, iso, patchOf, versionConflict } from './common.ts';
import { requireEnterpriseEditor } from './enterprise-access.ts';

type ProductDto = z.input<typeof productSchema>;
type ProcessDto = z.input<typeof processSchema>;
type EquipmentDto = z.input<typeof equipmentSchema>;
type FacilityDto = z.input<typeof treatmentFacilitySchema>;

export function toProductDto(r: EnterpriseProduct): ProductDto {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    name: r.name,
    capacity: r.capacity,
    capacityUnit: r.capacityUnit,
    isMain: r.isMain,
    sortOrder: r.sortOrder,
    note: r.note,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function toProcessDto(r: EnterpriseProcess): ProcessDto {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    name: r.name,
    description: r.description,
    sortOrder: r.sortOrder,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function toEquipmentDto(r: EnterpriseEquipment): EquipmentDto {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    processId: r.processId,
    name: r.name,
    model: r.model,
    quantity: r.quantity,
    ratedPower_kW: r.ratedPower_kW,
    efficiencyClass: r.efficiencyClass,
    commissionedYear: r.commissionedYear,
    obsolete: r.obsolete,
    note: r.note,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function toFacilityDto(r: TreatmentFacility): FacilityDto {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    medium: r.medium,
    name: r.name,
    technology: r.technology,
    designCapacity: r.designCapacity,
    capacityUnit: r.capacityUnit,
    outletCode: r.outletCode,
    commissionedYear: r.commissionedYear,
    status: r.status,
    note: r.note,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** How one kind of sub-record is written. */
interface ItemKind<Row, Dto, Create, Update extends { version: number }> {
  what: string;
  table: VersionedTable & { enterpriseId: PgColumn };
  /** Constraint name → request field. */
  fields: Readonly<Record<string, string>>;
  insert(tx: Tx, enterpriseId: string, body: Create): Promise<Row[]>;
  load(tx: Tx, id: string): Promise<Row[]>;
  /** Writes the fields given in `body` where the version is `body.version`. */
  update(tx: Tx, id: string, body: Update): Promise<Row[]>;
  remove(tx: Tx, id: string, version: number): Promise<{ id: string }[]>;
  toDto(row: Row): Dto;
  /** Rules that need the database (e.g. the process of a piece of equipment belongs to the same enterprise). */
  check?(tx: Tx, enterpriseId: string, body: Create | Update): Promise<void>;
}

/** The item's version, when it belongs to the enterprise; otherwise 404. */
async function itemVersion(
  tx: Tx,
  table: VersionedTable & { enterpriseId: PgColumn },
  what: string,
  enterpriseId: string,
  id: string,
): Promise<number> {
  const [row] = await executeRows(
    tx,
    sql`select ${table.version} as version from ${table} where ${table.id} = ${id} and ${table.enterpriseId} = ${enterpriseId} for update`,
  );
  const v = row?.version;
  if (typeof v !== 'number') throw notFound(what, id);
  return v;
}

function addItem<Row, Dto, Create, Update extends { version: number }>(
  kind: ItemKind<Row, Dto, Create, Update>,
) {
  return (ctx: ServiceContext, enterpriseId: string, body: Create): Promise<Dto> =>
    write(ctx, async (tx) => {
      await requireEnterpriseEditor(tx, ctx.actor, enterpriseId);
      if (kind.check) await kind.check(tx, enterpriseId, body);
      const [row] = await guardDb(() => kind.insert(tx, enterpriseId, body), kind.fields);
      if (row === undefined) throw new CpError('INTERNAL', `${kind.what} insert returned nothing`);
      return kind.toDto(row);
    });
}

function updateItem<Row, Dto, Create, Update extends { version: number }>(
  kind: ItemKind<Row, Dto, Create, Update>,
) {
  return (ctx: ServiceContext, enterpriseId: string, id: string, body: Update): Promise<Dto> =>
    write(ctx, async (tx) => {
      await requireEnterpriseEditor(tx, ctx.actor, enterpriseId);
      const version = await itemVersion(tx, kind.table, kind.what, enterpriseId, id);
      if (version !== body.version) throw versionConflict(kind.what, id, version, body.version);
      if (kind.check) await kind.check(tx, enterpriseId, body);
      // An empty patch changes nothing (no version bump, no audit entry).
      const [row] = isEmpty(patchOf(body))
        ? await kind.load(tx, id)
        : await guardDb(() => kind.update(tx, id, body), kind.fields);
      if (row === undefined) throw versionConflict(kind.what, id, null, body.version);
      return kind.toDto(row);
    });
}

function deleteItem<Row, Dto, Create, Update extends { version: number }>(
  kind: ItemKind<Row, Dto, Create, Update>,
) {
  return (ctx: ServiceContext, enterpriseId: string, id: string, version: number): Promise<{ ok: true }> =>
    write(ctx, async (tx) => {
      await requireEnterpriseEditor(tx, ctx.actor, enterpriseId);
      const current = await itemVersion(tx, kind.table, kind.what, enterpriseId, id);
      if (current !== version) throw versionConflict(kind.what, id, current, version);
      const deleted = await guardDb(() => kind.remove(tx, id, version), kind.fields);
      if (deleted.length === 0) throw versionConflict(kind.what, id, null, version);
      return { ok: true as const };
    });
}

type Out<T extends z.ZodType> = z.output<T>;

// Products -------------------------------------------------------------------------------------------------------

const products: ItemKind<
  EnterpriseProduct,
  ProductDto,
  Out<typeof createProductBody>,
  Out<typeof updateProductBody>
> = {
  what: 'product',
  table: enterpriseProducts,
  fields: {
    enterprise_products_capacity_unit: 'body.capacityUnit',
    enterprise_products_capacity_nonneg: 'body.capacity',
  },
  insert: (tx, enterpriseId, body) =>
    tx
      .insert(enterpriseProducts)
      .values({ ...body, enterpriseId })
      .returning(),
  load: (tx, id) => tx.select().from(enterpriseProducts).where(eq(enterpriseProducts.id, id)),
  update: (tx, id, body) =>
    tx
      .update(enterpriseProducts)
      .set(patchOf(body))
      .where(and(eq(enterpriseProducts.id, id), eq(enterpriseProducts.version, body.version)))
      .returning(),
  remove: (tx, id, version) =>
    tx
      .delete(enterpriseProducts)
      .where(and(eq(enterpriseProducts.id, id), eq(enterpriseProducts.version, version)))
      .returning({ id: enterpriseProducts.id }),
  toDto: toProductDto,
};

export const createEnterpriseProduct = addItem(products);
export const updateEnterpriseProduct = updateItem(products);
export const deleteEnterpriseProduct = deleteItem(products);

// Processes ------------------------------------------------------------------------------------------------------

const processes: ItemKind<
  EnterpriseProcess,
  ProcessDto,
  Out<typeof createProcessBody>,
  Out<typeof updateProcessBody>
> = {
  what: 'process',
  table: enterpriseProcesses,
  fields: {},
  insert: (tx, enterpriseId, body) =>
    tx
      .insert(enterpriseProcesses)
      .values({ ...body, enterpriseId })
      .returning(),
  load: (tx, id) => tx.select().from(enterpriseProcesses).where(eq(enterpriseProcesses.id, id)),
  update: (tx, id, body) =>
    tx
      .update(enterpriseProcesses)
      .set(patchOf(body))
      .where(and(eq(enterpriseProcesses.id, id), eq(enterpriseProcesses.version, body.version)))
      .returning(),
  remove: (tx, id, version) =>
    tx
      .delete(enterpriseProcesses)
      .where(and(eq(enterpriseProcesses.id, id), eq(enterpriseProcesses.version, version)))
      .returning({ id: enterpriseProcesses.id }),
  toDto: toProcessDto,
};

export const createEnterpriseProcess = addItem(processes);
export const updateEnterpriseProcess = updateItem(processes);
export const deleteEnterpriseProcess = deleteItem(processes);

// Equipment ------------------------------------------------------------------------------------------------------

const equipment: ItemKind<
  EnterpriseEquipment,
  EquipmentDto,
  Out<typeof createEquipmentBody>,
  Out<typeof updateEquipmentBody>
> = {
  what: 'equipment',
  table: enterpriseEquipment,
  fields: {
    enterprise_equipment_quantity_positive: 'body.quantity',
    enterprise_equipment_power_nonneg: 'body.ratedPower_kW',
    enterprise_equipment_year_range: 'body.commissionedYear',
    enterprise_equipment_process_id_enterprise_processes_id_fk: 'body.processId',
  },
  async check(tx, enterpriseId, body) {
    if (body.processId === undefined || body.processId === null) return;
    const [p] = await tx
      .select({ id: enterpriseProcesses.id })
      .from(enterpriseProcesses)
      .where(
        and(eq(enterpriseProcesses.id, body.processId), eq(enterpriseProcesses.enterpriseId, enterpriseId)),
      );
    if (!p) {
      throw new CpError('VALIDATION', `process ${body.processId} is not a process of this enterprise`, {
        field: 'body.processId',
      });
    }
  },
  insert: (tx, enterpriseId, body) =>
    tx
      .insert(enterpriseEquipment)
      .values({ ...body, enterpriseId })
      .returning(),
  load: (tx, id) => tx.select().from(enterpriseEquipment).where(eq(enterpriseEquipment.id, id)),
  update: (tx, id, body) =>
    tx
      .update(enterpriseEquipment)
      .set(patchOf(body))
      .where(and(eq(enterpriseEquipment.id, id), eq(enterpriseEquipment.version, body.version)))
      .returning(),
  remove: (tx, id, version) =>
    tx
      .delete(enterpriseEquipment)
      .where(and(eq(enterpriseEquipment.id, id), eq(enterpriseEquipment.version, version)))
      .returning({ id: enterpriseEquipment.id }),
  toDto: toEquipmentDto,
};

export const createEnterpriseEquipment = addItem(equipment);
export const updateEnterpriseEquipment = updateItem(equipment);
export const deleteEnterpriseEquipment = deleteItem(equipment);

// Treatment facilities -------------------------------------------------------------------------------------------

const facilities: ItemKind<
  TreatmentFacility,
  FacilityDto,
  Out<typeof createTreatmentFacilityBody>,
  Out<typeof updateTreatmentFacilityBody>
> = {
  what: 'treatment facility',
  table: treatmentFacilities,
  fields: {
    treatment_facilities_capacity_unit: 'body.capacityUnit',
    treatment_facilities_capacity_nonneg: 'body.designCapacity',
    treatment_facilities_year_range: 'body.commissionedYear',
  },
  insert: (tx, enterpriseId, body) =>
    tx
      .insert(treatmentFacilities)
      .values({ ...body, enterpriseId })
      .returning(),
  load: (tx, id) => tx.select().from(treatmentFacilities).where(eq(treatmentFacilities.id, id)),
  update: (tx, id, body) =>
    tx
      .update(treatmentFacilities)
      .set(patchOf(body))
      .where(and(eq(treatmentFacilities.id, id), eq(treatmentFacilities.version, body.version)))
      .returning(),
  remove: (tx, id, version) =>
    tx
      .delete(treatmentFacilities)
      .where(and(eq(treatmentFacilities.id, id), eq(treatmentFacilities.version, version)))
      .returning({ id: treatmentFacilities.id }),
  toDto: toFacilityDto,
};

export const createTreatmentFacility = addItem(facilities);
export const updateTreatmentFacility = updateItem(facilities);
export const deleteTreatmentFacility = deleteItem(facilities);
