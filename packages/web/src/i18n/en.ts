import { adminEn } from './areas/admin.ts';
import { auditsEn } from './areas/audits.ts';
import { complianceEn } from './areas/compliance.ts';
import { enterpriseEn } from './areas/enterprise.ts';
import { workspaceEn } from './areas/workspace.ts';
import type { Messages } from './zh-CN.ts';

/** The English catalogue. Typed as `Messages`: a missing or extra key is a compile error. */
export const en: Messages = {
  'app.name': 'Cleaner Production Audit Platform',
  'app.shortName': 'cpaudit',
  'app.tagline': 'Cleaner production audits, acceptance and performance',
  'app.footer': 'cpaudit · Cleaner Production Audit Platform',

  'lang.label': 'Language',
  'lang.zh-CN': '中文',
  'lang.en': 'English',

  'login.title': 'Log in',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.username.required': 'Enter your user name',
  'login.password.required': 'Enter your password',
  'login.submit': 'Log in',
  'login.submitting': 'Logging in…',
  'login.failed': 'Login failed',
  'login.hint': 'Accounts are issued by the platform administrator or your eco-environment bureau.',

  'session.checking': 'Checking your session…',
  'session.expired': 'Your session has expired. Please log in again.',
  'session.serverUnreachable': 'The server cannot be reached at the moment. Please try again later.',

  'user.menu': 'User menu',
  'user.logout': 'Log out',
  'user.loggingOut': 'Logging out…',

  'menu.group.common': 'General',
  'menu.group.bureau': 'Audit management',
  'menu.group.enterprise': 'My enterprise',
  'menu.group.expert': 'Expert',
  'menu.group.admin': 'Administration',
  'menu.home': 'Dashboard',
  'menu.audits': 'Audits',
  'menu.enterprises': 'Enterprises',
  'menu.enterpriseProfile': 'Profile',
  'menu.annualData': 'Annual data',
  'menu.benchmark': 'Benchmarking',
  'menu.options': 'Options',
  'menu.performanceForm': 'Performance form',
  'menu.assignments': 'Assigned to me',
  'menu.users': 'Users',
  'menu.organizations': 'Organisations',
  'menu.regions': 'Administrative divisions',
  'menu.indicatorSystems': 'Indicator systems',
  'menu.factors': 'Factors',
  'menu.planned': 'Soon',

  'role.platform_admin': 'Platform administrator',
  'role.bureau_staff': 'Eco-environment bureau staff',
  'role.panel_member': 'Audit panel member',
  'role.expert': 'Expert',
  'role.consultant': 'Consultant',
  'role.enterprise_user': 'Enterprise user',

  'home.greeting': 'Hello, {name}',
  'home.intro':
    'These are your roles on the platform and the organisations they belong to. The menu lists what each role can use.',
  'home.roles': 'My roles',
  'home.role': 'Role',
  'home.organization': 'Organisation',
  'home.organization.none': 'Not limited to one organisation',
  'home.noRoles': 'Your account has no role yet. Please contact the platform administrator.',
  'home.username': 'User name',

  'notFound.title': 'Page not found',
  'notFound.description': 'The address {path} does not exist, or the feature is not available yet.',
  'notFound.home': 'Back to dashboard',

  'forbidden.title': 'Access denied',
  'forbidden.description':
    'Your roles do not give access to {path}. Ask the platform administrator if you need it.',

  'table.search': 'Search',
  'table.searchPlaceholder': 'Search by keyword',
  'table.export': 'Export CSV',
  'table.total': '{total} rows',
  'table.empty': 'No data',
  'table.reset': 'Reset',

  'chart.loading': 'Loading chart…',
  'chart.failed': 'The chart could not be loaded. Please reload the page.',

  'error.generic': 'The operation failed: {message}',
  'error.network': 'Cannot reach the server. Check the network or try again later.',
  'error.badResponse': 'The server sent a response that could not be understood.',
  'error.retry': 'Retry',
  'error.code.VALIDATION': 'Invalid input',
  'error.code.UNIT': 'Wrong unit',
  'error.code.NEGATIVE_QUANTITY': 'A quantity cannot be negative',
  'error.code.UNKNOWN_REFERENCE': 'Unknown reference',
  'error.code.NOT_COMPUTABLE': 'Cannot be computed',
  'error.code.BAD_FILE': 'File refused',
  'error.code.PAYLOAD_TOO_LARGE': 'File or content too large',
  'error.code.UNAUTHENTICATED': 'Please log in',
  'error.code.FORBIDDEN': 'Not allowed',
  'error.code.NOT_FOUND': 'Not found or not yours',
  'error.code.VERSION_CONFLICT': 'Someone else changed this record: reload and try again',
  'error.code.STATE_CONFLICT': 'Not possible in the current state',
  'error.code.CONFLICT': 'Conflicts with existing data',
  'error.code.RATE_LIMITED': 'Too many attempts: try again later',
  'error.code.DATABASE_LOCKED': 'The database is held by another process',
  'error.code.INTERNAL': 'Internal server error',
  ...auditsEn,
  ...workspaceEn,
  ...enterpriseEn,
  ...adminEn,
  ...complianceEn,
};
