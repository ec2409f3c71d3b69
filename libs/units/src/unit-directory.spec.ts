import { UnitDirectory } from './unit-directory';
import type { Unit } from './unit.model';

const unit = (id: string, name: string, legacyNames: string[] = []): Unit => ({ id, name, kind: 'DEPARTMENT', legacyNames });

describe(UnitDirectory.name, () => {
  const directory = new UnitDirectory([
    unit('agri-bureau', '县农业农村局', ['县农业局']),
    unit('justice-bureau', '县司法局'),
    unit('water-a', '水务局'),
    unit('water-b', '水务局'),
  ]);

  it('finds a unit by its id, its name or a legacy name', () => {
    expect(['agri-bureau', '县农业农村局', '县农业局'].map((label) => directory.resolve(label))).toEqual(['agri-bureau', 'agri-bureau', 'agri-bureau']);
    expect(directory.resolve('县财政局')).toBeUndefined();
  });

  it('treats a token unit id and the Chinese name a v1 decision recorded as the same unit', () => {
    expect(directory.sameUnit('agri-bureau', '县农业局')).toBe(true);
    expect(directory.sameUnit('agri-bureau', '县农业农村局')).toBe(true);
    expect(directory.sameUnit('justice-bureau', '县农业农村局')).toBe(false);
  });

  it('never matches through an ambiguous name or an unknown label', () => {
    expect(directory.resolve('水务局')).toBeUndefined();
    expect(directory.sameUnit('water-a', '水务局')).toBe(false);
    expect(directory.sameUnit('县财政局', '财政局')).toBe(false);
    expect(directory.sameUnit('县财政局', '县财政局')).toBe(true);
  });

  it('lets an id win over another unit of the same name', () => {
    const clash = new UnitDirectory([unit('县农业农村局', '县农业农村局'), unit('agri-bureau', '县农业农村局')]);
    expect(clash.resolve('县农业农村局')).toBe('县农业农村局');
  });

  it('shows a registered unit by name and anything else as recorded', () => {
    expect(directory.nameOf('agri-bureau')).toBe('县农业农村局');
    expect(directory.nameOf('县农业局')).toBe('县农业农村局');
    expect(directory.nameOf('县财政局')).toBe('县财政局');
  });

  it('says which other unit already answers to a label', () => {
    expect(directory.holderOf('县农业局', 'justice-bureau')).toBe('agri-bureau');
    expect(directory.holderOf('agri-bureau', 'justice-bureau')).toBe('agri-bureau');
    expect(directory.holderOf('县农业局', 'agri-bureau')).toBeUndefined();
    expect(directory.has('agri-bureau')).toBe(true);
    expect(directory.has('县农业局')).toBe(false);
  });
});
