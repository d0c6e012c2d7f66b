import { comparableUnits, convertUnit } from './units-of-measure';

describe('units of measure (UN/CEFACT Rec. 20)', () => {
  it('converts temperatures across Celsius, Fahrenheit, kelvin and Rankine, exactly at the usual points', () => {
    expect(convertUnit(50, 'FAH', 'CEL')).toBe(10);
    expect(convertUnit(-40, 'CEL', 'FAH')).toBe(-40);
    expect(convertUnit(0, 'CEL', 'KEL')).toBe(273.15);
    expect(convertUnit(273.15, 'KEL', 'FAH')).toBe(32);
    expect(convertUnit(491.67, 'A48', 'CEL')).toBe(0);
    expect(convertUnit(8, 'CEL', 'FAH')).toBe(46.4);
  });

  it('converts masses, volumes and pressures by their factors', () => {
    expect(convertUnit(1500, 'GRM', 'KGM')).toBe(1.5);
    expect(convertUnit(1, 'LBR', 'GRM')).toBe(453.59237);
    expect(convertUnit(2, 'LTR', 'MLT')).toBe(2000);
    expect(convertUnit(1, 'BAR', 'KPA')).toBe(100);
  });

  it('does not convert between dimensions or unknown units', () => {
    expect(convertUnit(1, 'KGM', 'CEL')).toBeUndefined();
    expect(convertUnit(1, 'XYZ', 'KGM')).toBeUndefined();
    expect(convertUnit(7, 'XYZ', 'XYZ')).toBe(7);
  });

  it('lists the units of the same dimension, the given one first', () => {
    expect(comparableUnits('CEL')).toEqual(['CEL', 'KEL', 'FAH', 'A48']);
    expect(comparableUnits('P1')).toEqual(['P1']);
  });
});
