import { moneyFromWire, MONEY_INPUT, normalizeMoney } from '../../src/common/normalize/money';

describe('moneyFromWire', () => {
  it.each([
    ['120.00', '120.00'],
    ['120', '120.00'],
    [120, '120.00'],
    ['120.5', '120.50'],
    ['0120.50', '120.50'],
    ['120,00', '120.00'],
    ['1.234,56', '1234.56'],
    ['10.125', '10.13'],
    ['', null],
    ['abc', null],
    [undefined, null],
  ])('%p → %p', (wire, money) => {
    expect(moneyFromWire(wire)).toBe(money);
  });
});

describe('money input', () => {
  it('accepts a dot and at most two decimals, refuses commas and floats', () => {
    for (const ok of ['120', '120.5', '120.00', '0']) expect(MONEY_INPUT.test(ok)).toBe(true);
    for (const bad of ['1,20', '120.005', '-1', '1e3', '']) expect(MONEY_INPUT.test(bad)).toBe(false);
  });

  it('normalizes to two decimals, the form of the examples ("100.00")', () => {
    expect(normalizeMoney('100')).toBe('100.00');
    expect(normalizeMoney('100.5')).toBe('100.50');
    expect(normalizeMoney('0100.25')).toBe('100.25');
    expect(normalizeMoney('0')).toBe('0.00');
  });
});
