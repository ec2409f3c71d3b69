/** Where a year's official arrangement comes from. */
export type OfficialSource = { kind: 'package'; name: 'chinese-days' };

/** The State Council arrangement of one year: days off and make-up working days it lists (a listed date may lie in the December before). */
export interface OfficialYear {
  year: number;
  holidays: string[];
  workdays: string[];
  source: OfficialSource;
}
