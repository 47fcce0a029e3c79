// First two digits of a GB/T 2260 region code (PII-FORMATS.md).
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** True when the first two digits name a province-level region. */
export function isCnProvinceCode(code: string): boolean {
  return PROVINCES.has(code.slice(0, 2));
}

/** True for a six-digit region a resident ID may carry, residence permits (810000, 820000, 830000) included. */
export function isCnResidentRegion(region: string): boolean {
  return region === '830000' || isCnProvinceCode(region);
}
