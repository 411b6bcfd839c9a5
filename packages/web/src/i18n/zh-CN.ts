/**
 * The Chinese message catalogue: the reference for keys. `en.ts` must have exactly the same keys (enforced by the
 * `Messages` type). Placeholders are `{name}` and must be the same in every language (checked by i18n.test.ts).
 */
import { adminZh } from './areas/admin.ts';
import { auditsZh } from './areas/audits.ts';
import { complianceZh } from './areas/compliance.ts';
import { enterpriseZh } from './areas/enterprise.ts';
import { workspaceZh } from './areas/workspace.ts';

export const zhCN = {
  'app.name': '清洁生产审核平台',
  'app.shortName': 'cpaudit',
  'app.tagline': '清洁生产审核、评估验收与绩效管理',
  'app.footer': 'cpaudit · 清洁生产审核平台',

  'lang.label': '语言',
  'lang.zh-CN': '中文',
  'lang.en': 'English',

  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.username.required': '请输入用户名',
  'login.password.required': '请输入密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.failed': '登录失败',
  'login.hint': '账号由平台管理员或所属生态环境部门分配。',

  'session.checking': '正在检查登录状态…',
  'session.expired': '登录已过期，请重新登录。',
  'session.serverUnreachable': '暂时无法连接服务器，请稍后重试。',

  'user.menu': '用户菜单',
  'user.logout': '退出登录',
  'user.loggingOut': '正在退出…',

  'menu.group.common': '通用',
  'menu.group.bureau': '审核管理',
  'menu.group.enterprise': '本企业',
  'menu.group.expert': '专家',
  'menu.group.admin': '平台管理',
  'menu.home': '工作台',
  'menu.audits': '行业审核',
  'menu.enterprises': '企业',
  'menu.enterpriseProfile': '企业概况',
  'menu.annualData': '年度数据',
  'menu.benchmark': '对标评价',
  'menu.options': '方案',
  'menu.performanceForm': '绩效表',
  'menu.assignments': '指派给我的',
  'menu.users': '用户',
  'menu.organizations': '组织',
  'menu.regions': '行政区划',
  'menu.indicatorSystems': '指标体系',
  'menu.factors': '因子表',
  'menu.planned': '待开放',

  'role.platform_admin': '平台管理员',
  'role.bureau_staff': '生态环境部门工作人员',
  'role.panel_member': '审核小组成员',
  'role.expert': '专家',
  'role.consultant': '咨询服务机构',
  'role.enterprise_user': '企业用户',

  'home.greeting': '您好，{name}',
  'home.intro': '以下是您在平台上的角色及其所属单位。左侧菜单按角色列出可用的功能。',
  'home.roles': '我的角色',
  'home.role': '角色',
  'home.organization': '所属单位',
  'home.organization.none': '不限单位',
  'home.noRoles': '您的账号尚未分配角色，请联系平台管理员。',
  'home.username': '用户名',

  'notFound.title': '页面不存在',
  'notFound.description': '您访问的地址 {path} 不存在，或该功能尚未开放。',
  'notFound.home': '返回工作台',

  'forbidden.title': '无权访问',
  'forbidden.description': '您的角色不能访问 {path}。如需开通，请联系平台管理员。',

  'table.search': '搜索',
  'table.searchPlaceholder': '输入关键字搜索',
  'table.export': '导出 CSV',
  'table.total': '共 {total} 条',
  'table.empty': '暂无数据',
  'table.reset': '重置',

  'chart.loading': '图表加载中…',
  'chart.failed': '图表加载失败，请刷新页面重试。',

  'error.generic': '操作失败：{message}',
  'error.network': '无法连接服务器，请检查网络或稍后重试。',
  'error.badResponse': '服务器返回的内容无法识别。',
  'error.retry': '重试',
  'error.code.VALIDATION': '输入有误',
  'error.code.UNIT': '计量单位有误',
  'error.code.NEGATIVE_QUANTITY': '数量不能为负数',
  'error.code.UNKNOWN_REFERENCE': '引用的数据不存在',
  'error.code.NOT_COMPUTABLE': '无法计算',
  'error.code.BAD_FILE': '文件无法接受',
  'error.code.PAYLOAD_TOO_LARGE': '文件或内容过大',
  'error.code.UNAUTHENTICATED': '请先登录',
  'error.code.FORBIDDEN': '无权进行此操作',
  'error.code.NOT_FOUND': '记录不存在或不属于您',
  'error.code.VERSION_CONFLICT': '记录已被他人修改，请刷新后重试',
  'error.code.STATE_CONFLICT': '当前状态下不能进行此操作',
  'error.code.CONFLICT': '与已有数据冲突',
  'error.code.RATE_LIMITED': '操作过于频繁，请稍后再试',
  'error.code.DATABASE_LOCKED': '数据库正被另一进程占用',
  'error.code.INTERNAL': '服务器内部错误',
  ...auditsZh,
  ...workspaceZh,
  ...enterpriseZh,
  ...adminZh,
  ...complianceZh,
} as const;

export type MessageKey = keyof typeof zhCN;
/** A complete catalogue: every key of the Chinese reference, each a string. */
export type Messages = { readonly [K in MessageKey]: string };
