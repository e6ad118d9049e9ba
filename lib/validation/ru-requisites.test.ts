import { describe, expect, it } from 'vitest';
import {
  isValidCorrAccount,
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidSettlementAccount,
} from './ru-requisites';

describe('Russian requisites', () => {
  it('accepts real INNs and rejects a changed digit', () => {
    expect(isValidInn('7707083893')).toBe(true); // Sberbank
    expect(isValidInn('7707083894')).toBe(false);
    expect(isValidInn('500100732259')).toBe(true); // individual, 12 digits
    expect(isValidInn('500100732258')).toBe(false);
    expect(isValidInn('77070838')).toBe(false);
    expect(isValidInn('77070838aa')).toBe(false);
  });

  it('checks KPP format and OGRN checksum', () => {
    expect(isValidKpp('773601001')).toBe(true);
    expect(isValidKpp('7736AB001')).toBe(true);
    expect(isValidKpp('77360100')).toBe(false);
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(isValidOgrn('1027700132196')).toBe(false);
  });

  it('checks bank accounts against the BIK key', () => {
    // Sberbank Moscow: BIK 044525225, corr. 30101810400000000225
    expect(isValidCorrAccount('30101810400000000225', '044525225')).toBe(true);
    expect(isValidCorrAccount('30101810400000000226', '044525225')).toBe(false);
    expect(isValidSettlementAccount('40702810938000012345', '044525225')).toBe(true);
    expect(isValidSettlementAccount('40702810938000012346', '044525225')).toBe(false);
    expect(isValidSettlementAccount('40702810938000012345', '044525593')).toBe(false);
  });
});
