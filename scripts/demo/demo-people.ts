import type { HumanRole } from '../../libs/procedure/src/actor';

/** A person of the demo jurisdiction, with a `sub` of their own (members of a meeting are persons). */
export interface DemoPerson {
  sub: string;
  name: string;
  role: HumanRole;
  unit: string;
}

/** The units of the demo county, with their names and kinds (registered when the API has a units registry). */
export const DEMO_UNITS = [
  { id: 'agri-bureau', name: '县农业农村局', kind: 'DEPARTMENT' },
  { id: 'housing-bureau', name: '县住房和城乡建设局', kind: 'DEPARTMENT' },
  { id: 'justice-bureau', name: '县司法局', kind: 'LEGAL_REVIEW_OFFICE' },
  { id: 'general-office', name: '县政府办公室', kind: 'GENERAL_OFFICE' },
  { id: 'county-government', name: '县人民政府', kind: 'OTHER' },
  { id: 'audit-office', name: '县审计局', kind: 'DEPARTMENT' },
  { id: 'it-office', name: '县大数据中心', kind: 'OTHER' },
] as const;

/** The people of the demo county: one per role, two drafting units. */
export const DEMO_PEOPLE = {
  drafter: { sub: 'zhangmin', name: '张敏', role: 'drafter', unit: 'agri-bureau' },
  housingDrafter: { sub: 'wangfang', name: '王芳', role: 'drafter', unit: 'housing-bureau' },
  reviewer: { sub: 'liqiang', name: '李强', role: 'legal_reviewer', unit: 'justice-bureau' },
  secretary: { sub: 'zhaoli', name: '赵丽', role: 'secretary', unit: 'general-office' },
  head: { sub: 'chenjianguo', name: '陈建国', role: 'head', unit: 'county-government' },
  executor: { sub: 'liuyang', name: '刘洋', role: 'executor', unit: 'agri-bureau' },
  auditor: { sub: 'zhoujing', name: '周静', role: 'auditor', unit: 'audit-office' },
  admin: { sub: 'sunhao', name: '孙浩', role: 'admin', unit: 'it-office' },
} satisfies Record<string, DemoPerson>;

/** The members of the county government's executive meeting (the head speaks last). */
export const EXECUTIVE_MEETING = { members: ['副县长刘伟', '副县长孙红', '副县长马丁', '县政府秘书长吴军', '陈建国'], total: 7, head: '陈建国' };
