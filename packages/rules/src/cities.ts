import type { CityId, ServiceId } from './ids';

export interface CityInfo {
  id: CityId;
  nameZh: string;
  nameEn: string;
  /** The word every citation of this city's rules starts with, e.g. `Changhua 8(一)`. */
  citationName: string;
  /** The WebIR service whose use this city's rules govern. */
  service: ServiceId;
}

export const CITIES: readonly CityInfo[] = [
  { id: 'taipei', nameZh: '臺北市', nameEn: 'Taipei City', citationName: 'Taipei', service: 'labor-insurance' },
  { id: 'taoyuan', nameZh: '桃園市', nameEn: 'Taoyuan City', citationName: 'Taoyuan', service: 'labor-insurance' },
  { id: 'changhua', nameZh: '彰化縣', nameEn: 'Changhua County', citationName: 'Changhua', service: 'labor-insurance' },
  { id: 'tainan', nameZh: '臺南市', nameEn: 'Tainan City', citationName: 'Tainan', service: 'health-insurance' },
];

export interface ServiceInfo {
  id: ServiceId;
  nameZh: string;
  nameEn: string;
  /** The central agency that runs the WebIR service and audits across cities. */
  agencyZh: string;
  agencyEn: string;
}

export const SERVICES: readonly ServiceInfo[] = [
  {
    id: 'labor-insurance',
    nameZh: '勞保局 WebIR',
    nameEn: 'Labor Insurance WebIR',
    agencyZh: '勞動部勞工保險局',
    agencyEn: 'Bureau of Labor Insurance, Ministry of Labor',
  },
  {
    id: 'health-insurance',
    nameZh: '健保署 WebIR',
    nameEn: 'Health Insurance WebIR',
    agencyZh: '衛生福利部中央健康保險署',
    agencyEn: 'National Health Insurance Administration, Ministry of Health and Welfare',
  },
];
