/**
 * Organisations and accounts: regions (行政区划), eco-environment bureaus (生态环境部门), consulting firms
 * (咨询服务机构) and their engagements, user accounts and roles, enterprises (企业) with their products, processes,
 * equipment and treatment facilities, the GB/T 4754-2017 industry codes, and the audit log.
 *
 * Visibility is enforced by the server (services/scope.ts): a record out of the caller's scope answers 404.
 */
import { z } from 'zod';
import { isoDate, isoDateTime, okSchema, page, pageQuery, uuid } from './common.ts';
import { endpoint, roleSchema } from './endpoint.ts';

// ---------------------------------------------------------------------------------------------------------------
// Shared field schemas

const TAGS_ORG = ['organisations'] as const;
const TAGS_USERS = ['users'] as const;
const TAGS_ENT = ['enterprises'] as const;

/** 6-digit administrative division code (GB/T 2260), province part non-zero. */
const divisionCode = z.string().regex(/^[1-9][0-9]{5}$/, '6-digit administrative division code');
const regionLevelSchema = z.enum(['province', 'city', 'county']);

const name200 = z.string().trim().min(1).max(200);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const phone = optText(50);
const person = optText(100);
const note = optText(2000);
/** A credit code as typed (spaces and full-width characters are normalised by the server, then validated). */
const usccInput = z.string().min(1).max(40);
const finiteNonNeg = z.number().finite().min(0).max(1e12);
const year = z.number().int().min(1949).max(2100);
const entityTimestamps = { version: z.number().int(), createdAt: isoDateTime, updatedAt: isoDateTime };

/** Path parameters of a sub-record of an enterprise. */
const enterpriseItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
/** DELETE of a versioned record: the version the client read, as a query parameter. */
const versionQuery = z.object({ version: z.coerce.number().int().positive() });
/** A state change that only needs the version the client read. */
const versionBody = z.strictObject({ version: z.number().int().positive() });

// ---------------------------------------------------------------------------------------------------------------
// Regions

export const regionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    parentCode: z.string().nullable(),
    level: regionLevelSchema,
    /** Scope path: '32', '32/3201', '32/3201/320102'. */
    path: z.string(),
    active: z.boolean(),
    ...entityTimestamps,
  })
  .meta({ id: 'Region' });
export type RegionDto = z.infer<typeof regionSchema>;

export interface RegionNodeDto {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  active: boolean;
  children: RegionNodeDto[];
}
export const regionNodeSchema: z.ZodType<RegionNodeDto> = z
  .object({
    code: z.string(),
    name: z.string(),
    level: regionLevelSchema,
    active: z.boolean(),
    get children() {
      return z.array(regionNodeSchema);
    },
  })
  .meta({ id: 'RegionNode' });

export const listRegionsQuery = z.object({
  q: z.string().max(100).optional().describe('Name contains, or code starts with'),
  parentCode: divisionCode.optional().describe('Direct children of this region'),
  under: divisionCode.optional().describe('This region and everything below it'),
  level: regionLevelSchema.optional(),
  active: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const regionTreeQuery = z.object({
  root: divisionCode.optional().describe('Only this region and its descendants (default: every province)'),
  includeInactive: z.stringbool().default(false),
});

export const createRegionBody = z.strictObject({
  code: divisionCode,
  name: z.string().trim().min(1).max(100),
  /** Null for a province; the city (or, for 省直辖 county-level units, the province) otherwise. */
  parentCode: divisionCode.nullable().optional(),
});

export const updateRegionBody = z.strictObject({
  version: z.number().int().positive(),
  name: z.string().trim().min(1).max(100).optional(),
  parentCode: divisionCode.nullable().optional(),
  active: z.boolean().optional(),
});

export const regionCodeParams = z.object({ code: divisionCode });

// ---------------------------------------------------------------------------------------------------------------
// Bureaus and consulting firms

export const bureauSchema = z
  .object({
    id: uuid,
    name: z.string(),
    jurisdictionCode: z.string(),
    jurisdictionName: z.string().nullable(),
    jurisdictionPath: z.string(),
    level: regionLevelSchema,
    parentBureauId: uuid.nullable(),
    address: z.string().nullable(),
    contactPerson: z.string().nullable(),
    contactPhone: z.string().nullable(),
    ...entityTimestamps,
  })
  .meta({ id: 'Bureau' });
export type BureauDto = z.infer<typeof bureauSchema>;

export const listBureausQuery = pageQuery.extend({
  sort: z.enum(['name', 'jurisdictionCode', 'createdAt']).default('jurisdictionCode'),
  under: divisionCode.optional().describe('Bureaus whose jurisdiction lies in this region'),
});

export const createBureauBody = z.strictObject({
  name: name200,
  jurisdictionCode: divisionCode,
  parentBureauId: z.uuid().nullable().optional(),
  address: optText(500),
  contactPerson: person,
  contactPhone: phone,
});

export const updateBureauBody = z.strictObject({
  version: z.number().int().positive(),
  name: name200.optional(),
  jurisdictionCode: divisionCode.optional(),
  parentBureauId: z.uuid().nullable().optional(),
  address: optText(500),
  contactPerson: person,
  contactPhone: phone,
});

export const consultingFirmSchema = z
  .object({
    id: uuid,
    uscc: z.string(),
    name: z.string(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    address: z.string().nullable(),
    contactPerson: z.string().nullable(),
    contactPhone: z.string().nullable(),
    note: z.string().nullable(),
    ...entityTimestamps,
  })
  .meta({ id: 'ConsultingFirm' });
export type ConsultingFirmDto = z.infer<typeof consultingFirmSchema>;

export const listConsultingFirmsQuery = pageQuery.extend({
  sort: z.enum(['name', 'uscc', 'createdAt']).default('name'),
});

export const createConsultingFirmBody = z.strictObject({
  uscc: usccInput,
  name: name200,
  regionCode: divisionCode.nullable().optional(),
  address: optText(500),
  contactPerson: person,
  contactPhone: phone,
  note,
});

export const updateConsultingFirmBody = z.strictObject({
  version: z.number().int().positive(),
  uscc: usccInput.optional(),
  name: name200.optional(),
  regionCode: divisionCode.nullable().optional(),
  address: optText(500),
  contactPerson: person,
  contactPhone: phone,
  note,
});

export const engagementSchema = z
  .object({
    id: uuid,
    enterpriseId: uuid,
    consultingFirmId: uuid,
    firmName: z.string(),
    firmUscc: z.string(),
    startedOn: isoDate,
    /** Last day of the engagement (inclusive); null while open-ended. */
    endedOn: isoDate.nullable(),
    /** The firm's consultants currently have access (ended_on null or not passed). */
    current: z.boolean(),
    scope: z.string().nullable(),
    contactPerson: z.string().nullable(),
    contactPhone: z.string().nullable(),
    ...entityTimestamps,
  })
  .meta({ id: 'ConsultingEngagement' });
export type EngagementDto = z.infer<typeof engagementSchema>;

export const createEngagementBody = z
  .strictObject({
    /** The firm, by id … */
    consultingFirmId: z.uuid().optional(),
    /** … or by its credit code (as printed on the contract). */
    consultingFirmUscc: usccInput.optional(),
    startedOn: isoDate,
    endedOn: isoDate.nullable().optional(),
    scope: optText(500),
    contactPerson: person,
    contactPhone: phone,
  })
  .refine((b) => (b.consultingFirmId === undefined) !== (b.consultingFirmUscc === undefined), {
    message: 'give exactly one of consultingFirmId and consultingFirmUscc',
    path: ['consultingFirmId'],
  });

export const endEngagementBody = z.strictObject({
  version: z.number().int().positive(),
  /** Last day of access (inclusive). Default: yesterday, so the firm's access ends now. */
  endedOn: isoDate.optional(),
});

export const engagementParams = z.object({ id: z.uuid(), engagementId: z.uuid() });

// ---------------------------------------------------------------------------------------------------------------
// Users

export const roleGrantBody = z.strictObject({
  role: roleSchema,
  /** bureau_staff: the bureau. */
  bureauId: z.uuid().optional(),
  /** enterprise_user: the enterprise. */
  enterpriseId: z.uuid().optional(),
  /** consultant: the consulting firm. */
  consultingFirmId: z.uuid().optional(),
});

export const userRoleSchema = z.object({
  id: uuid,
  role: roleSchema,
  bureauId: uuid.nullable(),
  enterpriseId: uuid.nullable(),
  consultingFirmId: uuid.nullable(),
  organizationName: z.string().nullable(),
});

export const userSchema = z
  .object({
    id: uuid,
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    failedLogins: z.number().int(),
    lastLoginAt: isoDateTime.nullable(),
    roles: z.array(userRoleSchema),
    ...entityTimestamps,
  })
  .meta({ id: 'User' });
export type UserDto = z.infer<typeof userSchema>;

export const listUsersQuery = pageQuery.extend({
  sort: z.enum(['username', 'displayName', 'createdAt', 'lastLoginAt']).default('username'),
  role: roleSchema.optional(),
  /** Users holding a role scoped to this bureau, enterprise or consulting firm. */
  organizationId: z.uuid().optional(),
  disabled: z.stringbool().optional(),
});

const password = z.string().min(1).max(256);

export const createUserBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  displayName: z.string().trim().min(1).max(100),
  email: z.email().max(200).nullable().optional(),
  phone,
  password,
  roles: z.array(roleGrantBody).min(1).max(20),
});

export const updateUserBody = z.strictObject({
  version: z.number().int().positive(),
  displayName: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(200).nullable().optional(),
  phone,
});

export const resetPasswordBody = z.strictObject({
  version: z.number().int().positive(),
  /** The new password; omitted: the server generates a temporary one and returns it once. */
  newPassword: password.optional(),
});
export const resetPasswordResponse = z.object({
  user: userSchema,
  /** The generated password when none was given (shown once, never stored in clear). */
  temporaryPassword: z.string().nullable(),
});

export const changeOwnPasswordBody = z.strictObject({
  currentPassword: password,
  newPassword: password,
});

export const userRoleParams = z.object({ id: z.uuid(), roleId: z.uuid() });

// ---------------------------------------------------------------------------------------------------------------
// Enterprises

export const keyMonitoringTypeSchema = z.enum([
  'water',
  'groundwater',
  'air',
  'noise',
  'soil',
  'environmental_risk',
]);
export const permitClassSchema = z.enum(['key', 'simplified', 'registration']);
export const enterpriseStatusSchema = z.enum(['operating', 'suspended', 'closed']);
export const treatmentMediumSchema = z.enum([
  'wastewater',
  'waste_gas',
  'general_solid_waste',
  'hazardous_waste',
  'noise',
  'other',
]);
export const facilityStatusSchema = z.enum(['running', 'idle', 'decommissioned']);

export const enterpriseSchema = z
  .object({
    id: uuid,
    uscc: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    regionPath: z.string(),
    industryCode: z.string(),
    industryName: z.string().nullable(),
    industrialParkName: z.string().nullable(),
    keyMonitoringTypes: z.array(keyMonitoringTypeSchema),
    permitClass: permitClassSchema.nullable(),
    permitNumber: z.string().nullable(),
    legalRepresentative: z.string().nullable(),
    contactPerson: z.string().nullable(),
    contactPhone: z.string().nullable(),
    employees: z.number().int().nullable(),
    establishedOn: isoDate.nullable(),
    longitude: z.number().nullable(),
    latitude: z.number().nullable(),
    status: enterpriseStatusSchema,
    note: z.string().nullable(),
    ...entityTimestamps,
  })
  .meta({ id: 'Enterprise' });
export type EnterpriseDto = z.infer<typeof enterpriseSchema>;

export const productSchema = z
  .object({
    id: uuid,
    enterpriseId: uuid,
    name: z.string(),
    /** Design capacity per year, in `capacityUnit` (e.g. 't/a', 'm2/a', '万件/a'). */
    capacity: z.number().nullable(),
    capacityUnit: z.string().nullable(),
    isMain: z.boolean(),
    sortOrder: z.number().int(),
    note: z.string().nullable(),
    ...entityTimestamps,
  })
  .meta({ id: 'EnterpriseProduct' });

export const processSchema = z
  .object({
    id: uuid,
    enterpriseId: uuid,
    name: z.string(),
    description: z.string().nullable(),
    sortOrder: z.number().int(),
    ...entityTimestamps,
  })
  .meta({ id: 'EnterpriseProcess' });

export const equipmentSchema = z
  .object({
    id: uuid,
    enterpriseId: uuid,
    processId: uuid.nullable(),
    name: z.string(),
    model: z.string().nullable(),
    quantity: z.number().int(),
    ratedPower_kW: z.number().nullable(),
    efficiencyClass: z.string().nullable(),
    commissionedYear: z.number().int().nullable(),
    obsolete: z.boolean(),
    note: z.string().nullable(),
    ...entityTimestamps,
  })
  .meta({ id: 'EnterpriseEquipment' });

export const treatmentFacilitySchema = z
  .object({
    id: uuid,
    enterpriseId: uuid,
    medium: treatmentMediumSchema,
    name: z.string(),
    technology: z.string().nullable(),
    designCapacity: z.number().nullable(),
    capacityUnit: z.string().nullable(),
    outletCode: z.string().nullable(),
    commissionedYear: z.number().int().nullable(),
    status: facilityStatusSchema,
    note: z.string().nullable(),
    ...entityTimestamps,
  })
  .meta({ id: 'TreatmentFacility' });

export const enterpriseProfileSchema = z
  .object({
    enterprise: enterpriseSchema,
    products: z.array(productSchema),
    processes: z.array(processSchema),
    equipment: z.array(equipmentSchema),
    treatmentFacilities: z.array(treatmentFacilitySchema),
    consultants: z.array(engagementSchema),
  })
  .meta({ id: 'EnterpriseProfile' });
export type EnterpriseProfileDto = z.infer<typeof enterpriseProfileSchema>;

export const listEnterprisesQuery = pageQuery.extend({
  sort: z.enum(['name', 'uscc', 'regionCode', 'industryCode', 'createdAt', 'updatedAt']).default('name'),
  q: z.string().max(200).optional().describe('Name or credit code contains'),
  regionCode: divisionCode.optional().describe('Enterprises in this region or below it'),
  industryCode: z
    .string()
    .regex(/^[0-9]{2,4}$/)
    .optional()
    .describe('GB/T 4754-2017 code prefix: 2 (大类), 3 (中类) or 4 (小类) digits'),
  permitClass: permitClassSchema.optional(),
  status: enterpriseStatusSchema.optional(),
});

const enterpriseFields = {
  address: optText(500),
  industrialParkName: optText(200),
  keyMonitoringTypes: z.array(keyMonitoringTypeSchema).max(6).optional(),
  permitClass: permitClassSchema.nullable().optional(),
  permitNumber: optText(100),
  legalRepresentative: person,
  contactPerson: person,
  contactPhone: phone,
  employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  establishedOn: isoDate.nullable().optional(),
  longitude: z.number().finite().min(-180).max(180).nullable().optional(),
  latitude: z.number().finite().min(-90).max(90).nullable().optional(),
  status: enterpriseStatusSchema.optional(),
  note,
};

export const createEnterpriseBody = z.strictObject({
  uscc: usccInput,
  name: name200,
  regionCode: divisionCode,
  /** GB/T 4754-2017 code (2–4 digits; a leading section letter such as `C3360` is accepted). */
  industryCode: z.string().trim().min(2).max(10),
  ...enterpriseFields,
});

export const updateEnterpriseBody = z.strictObject({
  version: z.number().int().positive(),
  /** Admin and the supervising bureau only. */
  uscc: usccInput.optional(),
  name: name200.optional(),
  /** Admin and the supervising bureau only (the new region must be in its jurisdiction). */
  regionCode: divisionCode.optional(),
  industryCode: z.string().trim().min(2).max(10).optional(),
  ...enterpriseFields,
});

export const createProductBody = z.strictObject({
  name: name200,
  capacity: finiteNonNeg.nullable().optional(),
  capacityUnit: optText(50),
  isMain: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  note,
});
export const updateProductBody = createProductBody.partial().extend({ version: z.number().int().positive() });

export const createProcessBody = z.strictObject({
  name: name200,
  description: optText(4000),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});
export const updateProcessBody = createProcessBody.partial().extend({ version: z.number().int().positive() });

export const createEquipmentBody = z.strictObject({
  processId: z.uuid().nullable().optional(),
  name: name200,
  model: optText(200),
  quantity: z.number().int().min(1).max(1_000_000).optional(),
  ratedPower_kW: finiteNonNeg.nullable().optional(),
  efficiencyClass: optText(100),
  commissionedYear: year.nullable().optional(),
  obsolete: z.boolean().optional(),
  note,
});
export const updateEquipmentBody = createEquipmentBody
  .partial()
  .extend({ version: z.number().int().positive() });

export const createTreatmentFacilityBody = z.strictObject({
  medium: treatmentMediumSchema,
  name: name200,
  technology: optText(500),
  designCapacity: finiteNonNeg.nullable().optional(),
  capacityUnit: optText(50),
  outletCode: optText(100),
  commissionedYear: year.nullable().optional(),
  status: facilityStatusSchema.optional(),
  note,
});
export const updateTreatmentFacilityBody = createTreatmentFacilityBody
  .partial()
  .extend({ version: z.number().int().positive() });

// ---------------------------------------------------------------------------------------------------------------
// Industry codes (GB/T 4754-2017)

export const industryLevelSchema = z.enum(['section', 'division', 'group', 'class']);
export const industryCodeSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: industryLevelSchema,
    parent: z.string(),
  })
  .meta({ id: 'IndustryCode' });

export const searchIndustryCodesQuery = z.object({
  q: z.string().trim().min(1).max(100).describe('Code prefix, or words the name contains'),
  level: industryLevelSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const industryCodeDetailSchema = z
  .object({
    industry: industryCodeSchema,
    /** Section → division → group → class, ending at the code. */
    path: z.array(industryCodeSchema),
    /** The 中类 the Guangdong form asks for (note 1), for group and class codes. */
    group: z.object({ code: z.string(), name: z.string(), label: z.string() }).nullable(),
    /** Where the code table comes from, with its verification status. */
    source: z.object({
      document: z.string(),
      clause: z.string().optional(),
      url: z.string().optional(),
      status: z.string(),
      note: z.string().optional(),
    }),
  })
  .meta({ id: 'IndustryCodeDetail' });

// ---------------------------------------------------------------------------------------------------------------
// Audit log

export const auditLogEntrySchema = z
  .object({
    id: uuid,
    seq: z.number().int(),
    at: isoDateTime,
    actorUserId: uuid.nullable(),
    actorName: z.string().nullable(),
    /** Shown to platform admins only. */
    actorIp: z.string().nullable(),
    requestId: z.string().nullable(),
    /** Table name for row writes, or a subject such as 'session'. */
    entity: z.string(),
    entityId: z.string().nullable(),
    action: z.string(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'AuditLogEntry' });
export type AuditLogEntryDto = z.infer<typeof auditLogEntrySchema>;

export const auditLogQuery = z.object({
  entity: z
    .string()
    .regex(/^[a-z][a-z0-9_.]*$/)
    .max(64)
    .optional(),
  entityId: z.string().min(1).max(100).optional(),
  actorUserId: z.uuid().optional(),
  action: z
    .string()
    .regex(/^[a-z][a-z0-9_.]*$/)
    .max(64)
    .optional(),
  from: isoDateTime.optional().describe('Entries at or after this instant'),
  to: isoDateTime.optional().describe('Entries before this instant'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  order: z.enum(['asc', 'desc']).default('desc'),
});

// ---------------------------------------------------------------------------------------------------------------
// Endpoints

const ADMIN = ['platform_admin'] as const;
const ENTERPRISE_EDITORS = ['platform_admin', 'bureau_staff', 'enterprise_user', 'consultant'] as const;
const ENGAGEMENT_EDITORS = ['platform_admin', 'enterprise_user'] as const;

function subRecordEndpoints<C extends z.ZodType, U extends z.ZodType, R extends z.ZodType>(
  segment: string,
  label: string,
  create: C,
  update: U,
  response: R,
) {
  return {
    create: endpoint({
      method: 'POST',
      path: `/api/enterprises/:id/${segment}`,
      summary: `Add ${label} to an enterprise (its users and consultants, the supervising bureau, admins)`,
      tags: TAGS_ENT,
      access: ENTERPRISE_EDITORS,
      params: z.object({ id: z.uuid() }),
      body: create,
      response,
      status: 201,
    }),
    update: endpoint({
      method: 'PATCH',
      path: `/api/enterprises/:id/${segment}/:itemId`,
      summary: `Change ${label} (optimistic version)`,
      tags: TAGS_ENT,
      access: ENTERPRISE_EDITORS,
      params: enterpriseItemParams,
      body: update,
      response,
    }),
    delete: endpoint({
      method: 'DELETE',
      path: `/api/enterprises/:id/${segment}/:itemId`,
      summary: `Delete ${label} (optimistic version in the query)`,
      tags: TAGS_ENT,
      access: ENTERPRISE_EDITORS,
      params: enterpriseItemParams,
      query: versionQuery,
      response: okSchema,
    }),
  };
}

const products = subRecordEndpoints(
  'products',
  'a product and its capacity (主要产品及产能)',
  createProductBody,
  updateProductBody,
  productSchema,
);
const processes = subRecordEndpoints(
  'processes',
  'a production process (生产工艺)',
  createProcessBody,
  updateProcessBody,
  processSchema,
);
const equipment = subRecordEndpoints(
  'equipment',
  'production equipment (生产装备)',
  createEquipmentBody,
  updateEquipmentBody,
  equipmentSchema,
);
const facilities = subRecordEndpoints(
  'treatment-facilities',
  'a treatment facility (污染治理设施)',
  createTreatmentFacilityBody,
  updateTreatmentFacilityBody,
  treatmentFacilitySchema,
);

export const organisationsEndpoints = {
  // Regions
  listRegions: endpoint({
    method: 'GET',
    path: '/api/regions',
    summary: 'Administrative regions (reference data), ordered by scope path',
    tags: TAGS_ORG,
    access: 'authenticated',
    query: listRegionsQuery,
    response: page(regionSchema),
  }),
  getRegionTree: endpoint({
    method: 'GET',
    path: '/api/regions/tree',
    summary: 'Regions as a tree: province → city → county',
    tags: TAGS_ORG,
    access: 'authenticated',
    query: regionTreeQuery,
    response: z.object({ roots: z.array(regionNodeSchema) }),
  }),
  createRegion: endpoint({
    method: 'POST',
    path: '/api/regions',
    summary: 'Add a region (6-digit code; the parent must be consistent with the code)',
    tags: TAGS_ORG,
    access: ADMIN,
    body: createRegionBody,
    response: regionSchema,
    status: 201,
  }),
  updateRegion: endpoint({
    method: 'PATCH',
    path: '/api/regions/:code',
    summary: 'Rename, re-parent or (de)activate a region (optimistic version)',
    tags: TAGS_ORG,
    access: ADMIN,
    params: regionCodeParams,
    body: updateRegionBody,
    response: regionSchema,
  }),

  // Bureaus
  listBureaus: endpoint({
    method: 'GET',
    path: '/api/bureaus',
    summary: 'Bureaus: all for admins, a bureau and those below it for its staff, none for others',
    tags: TAGS_ORG,
    access: 'authenticated',
    query: listBureausQuery,
    response: page(bureauSchema),
  }),
  getBureau: endpoint({
    method: 'GET',
    path: '/api/bureaus/:id',
    summary: 'One bureau (404 when out of scope)',
    tags: TAGS_ORG,
    access: 'authenticated',
    params: z.object({ id: z.uuid() }),
    response: bureauSchema,
  }),
  createBureau: endpoint({
    method: 'POST',
    path: '/api/bureaus',
    summary: 'Add a bureau with its jurisdiction',
    tags: TAGS_ORG,
    access: ADMIN,
    body: createBureauBody,
    response: bureauSchema,
    status: 201,
  }),
  updateBureau: endpoint({
    method: 'PATCH',
    path: '/api/bureaus/:id',
    summary: 'Change a bureau (optimistic version)',
    tags: TAGS_ORG,
    access: ADMIN,
    params: z.object({ id: z.uuid() }),
    body: updateBureauBody,
    response: bureauSchema,
  }),

  // Consulting firms and engagements
  listConsultingFirms: endpoint({
    method: 'GET',
    path: '/api/consulting-firms',
    summary:
      'Consulting firms: all for admins; for bureau staff those located in or engaged in their jurisdiction; a consultant their firm; an enterprise user the firms it engaged',
    tags: TAGS_ORG,
    access: 'authenticated',
    query: listConsultingFirmsQuery,
    response: page(consultingFirmSchema),
  }),
  getConsultingFirm: endpoint({
    method: 'GET',
    path: '/api/consulting-firms/:id',
    summary: 'One consulting firm (404 when out of scope)',
    tags: TAGS_ORG,
    access: 'authenticated',
    params: z.object({ id: z.uuid() }),
    response: consultingFirmSchema,
  }),
  createConsultingFirm: endpoint({
    method: 'POST',
    path: '/api/consulting-firms',
    summary: 'Add a consulting firm (credit code checked per GB 32100-2015)',
    tags: TAGS_ORG,
    access: ADMIN,
    body: createConsultingFirmBody,
    response: consultingFirmSchema,
    status: 201,
  }),
  updateConsultingFirm: endpoint({
    method: 'PATCH',
    path: '/api/consulting-firms/:id',
    summary: 'Change a consulting firm (optimistic version)',
    tags: TAGS_ORG,
    access: ADMIN,
    params: z.object({ id: z.uuid() }),
    body: updateConsultingFirmBody,
    response: consultingFirmSchema,
  }),
  listEngagements: endpoint({
    method: 'GET',
    path: '/api/enterprises/:id/engagements',
    summary: 'Consulting firms engaged by an enterprise, current and past',
    tags: TAGS_ENT,
    access: 'authenticated',
    params: z.object({ id: z.uuid() }),
    response: z.object({ items: z.array(engagementSchema) }),
  }),
  createEngagement: endpoint({
    method: 'POST',
    path: '/api/enterprises/:id/engagements',
    summary: "Record that the enterprise engaged a consulting firm (gives the firm's consultants access)",
    tags: TAGS_ENT,
    access: ENGAGEMENT_EDITORS,
    params: z.object({ id: z.uuid() }),
    body: createEngagementBody,
    response: engagementSchema,
    status: 201,
  }),
  endEngagement: endpoint({
    method: 'POST',
    path: '/api/enterprises/:id/engagements/:engagementId/end',
    summary: "End an engagement: the firm's consultants lose access after `endedOn` (default: now)",
    tags: TAGS_ENT,
    access: ENGAGEMENT_EDITORS,
    params: engagementParams,
    body: endEngagementBody,
    response: engagementSchema,
  }),
  deleteEngagement: endpoint({
    method: 'DELETE',
    path: '/api/enterprises/:id/engagements/:engagementId',
    summary: 'Delete an engagement recorded by mistake (the audit log keeps it)',
    tags: TAGS_ENT,
    access: ENGAGEMENT_EDITORS,
    params: engagementParams,
    query: versionQuery,
    response: okSchema,
  }),

  // Users
  listUsers: endpoint({
    method: 'GET',
    path: '/api/users',
    summary: 'User accounts with their roles (search by user name, display name, e-mail)',
    tags: TAGS_USERS,
    access: ADMIN,
    query: listUsersQuery,
    response: page(userSchema),
  }),
  getUser: endpoint({
    method: 'GET',
    path: '/api/users/:id',
    summary: 'One user account',
    tags: TAGS_USERS,
    access: ADMIN,
    params: z.object({ id: z.uuid() }),
    response: userSchema,
  }),
  createUser: endpoint({
    method: 'POST',
    path: '/api/users',
    summary: 'Create an account with its roles (password policy applies)',
    tags: TAGS_USERS,
    access: ADMIN,
    body: createUserBody,
    response: userSchema,
    status: 201,
  }),
  updateUser: endpoint({
    method: 'PATCH',
    path: '/api/users/:id',
    summary: 'Change display name, e-mail or phone (optimistic version)',
    tags: TAGS_USERS,
    access: ADMIN,
    params: z.object({ id: z.uuid() }),
    body: updateUserBody,
    response: userSchema,
  }),
  disableUser: endpoint({
    method: 'POST',
    path: '/api/users/:id/disable',
    summary: 'Disable an account: its sessions end and it cannot log in',
    tags: TAGS_USERS,
    access: ADMIN,
    params: z.object({ id: z.uuid() }),
    body: versionBody,
    response: userSchema,
  }),
  enableUser: endpoint({
    method: 'POST',
    path: '/api/users/:id/enable',
    summary: 'Enable a disabled account (failed-login count reset)',
    tags: TAGS_USERS,
    access: ADMIN,
    params: z.object({ id: z.uuid() }),
    body: versionBody,
    response: userSchema,
  }),
  grantRole: endpoint({
    method: 'POST',
    path: '/api/users/:id/roles',
    summary: 'Grant a role, scoped to its organisation',
    tags: TAGS_USERS,
    access: ADMIN,
    params: z.object({ id: z.uuid() }),
    body: roleGrantBody,
    response: userSchema,
    status: 201,
  }),
  revokeRole: endpoint({
    method: 'DELETE',
    path: '/api/users/:id/roles/:roleId',
    summary: 'Revoke a role (a user keeps at least one; the last platform admin cannot be revoked)',
    tags: TAGS_USERS,
    access: ADMIN,
    params: userRoleParams,
    response: userSchema,
  }),
  resetPassword: endpoint({
    method: 'POST',
    path: '/api/users/:id/password-reset',
    summary: "Set a new password for a user (must be changed at next login); ends the user's sessions",
    tags: TAGS_USERS,
    access: ADMIN,
    params: z.object({ id: z.uuid() }),
    body: resetPasswordBody,
    response: resetPasswordResponse,
  }),
  changeOwnPassword: endpoint({
    method: 'POST',
    path: '/api/me/password',
    summary: 'Change your own password (current + new); your other sessions end',
    tags: TAGS_USERS,
    access: 'authenticated',
    body: changeOwnPasswordBody,
    response: okSchema,
  }),

  // Enterprises
  listEnterprises: endpoint({
    method: 'GET',
    path: '/api/enterprises',
    summary:
      'Enterprises you may see: search by name or credit code, filter by region, industry, permit class',
    tags: TAGS_ENT,
    access: 'authenticated',
    query: listEnterprisesQuery,
    response: page(enterpriseSchema),
  }),
  getEnterprise: endpoint({
    method: 'GET',
    path: '/api/enterprises/:id',
    summary:
      'An enterprise profile: products and capacities, processes, equipment, treatment facilities, consultants',
    tags: TAGS_ENT,
    access: 'authenticated',
    params: z.object({ id: z.uuid() }),
    response: enterpriseProfileSchema,
  }),
  createEnterprise: endpoint({
    method: 'POST',
    path: '/api/enterprises',
    summary: 'Register an enterprise (admins; bureau staff within their jurisdiction)',
    tags: TAGS_ENT,
    access: ['platform_admin', 'bureau_staff'],
    body: createEnterpriseBody,
    response: enterpriseSchema,
    status: 201,
  }),
  updateEnterprise: endpoint({
    method: 'PATCH',
    path: '/api/enterprises/:id',
    summary: 'Change an enterprise profile (optimistic version)',
    tags: TAGS_ENT,
    access: ENTERPRISE_EDITORS,
    params: z.object({ id: z.uuid() }),
    body: updateEnterpriseBody,
    response: enterpriseSchema,
  }),
  createEnterpriseProduct: products.create,
  updateEnterpriseProduct: products.update,
  deleteEnterpriseProduct: products.delete,
  createEnterpriseProcess: processes.create,
  updateEnterpriseProcess: processes.update,
  deleteEnterpriseProcess: processes.delete,
  createEnterpriseEquipment: equipment.create,
  updateEnterpriseEquipment: equipment.update,
  deleteEnterpriseEquipment: equipment.delete,
  createTreatmentFacility: facilities.create,
  updateTreatmentFacility: facilities.update,
  deleteTreatmentFacility: facilities.delete,

  // Industry codes
  searchIndustryCodes: endpoint({
    method: 'GET',
    path: '/api/industry-codes',
    summary: 'Search GB/T 4754-2017 industry codes by code prefix or name',
    tags: TAGS_ENT,
    access: 'authenticated',
    query: searchIndustryCodesQuery,
    response: z.object({ items: z.array(industryCodeSchema) }),
  }),
  getIndustryCode: endpoint({
    method: 'GET',
    path: '/api/industry-codes/:code',
    summary: 'One GB/T 4754-2017 code with its path and 中类',
    tags: TAGS_ENT,
    access: 'authenticated',
    params: z.object({ code: z.string().min(1).max(10) }),
    response: industryCodeDetailSchema,
  }),

  // Audit log
  listAuditLog: endpoint({
    method: 'GET',
    path: '/api/audit-log',
    summary:
      'The audit log: admins see all; bureau staff entries about enterprises in their jurisdiction and their own actions; others their own actions',
    tags: ['audit-log'],
    access: 'authenticated',
    query: auditLogQuery,
    response: page(auditLogEntrySchema),
  }),
};
