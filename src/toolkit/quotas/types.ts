/** What `bulkhead quotas --json` prints (docs/machine-interface.md). */
export interface QuotasReport {
  region: string;
  services: string[];
  /** The environments shown, in spec order then `management` and `unmanaged`, each with its accounts. */
  environments: { name: string; accounts: { id: string; name: string }[] }[];
  quotas: QuotaRow[];
  warnings: { accountId: string; message: string }[];
}

export interface QuotaRow {
  serviceCode: string;
  serviceName: string;
  quotaCode: string;
  quotaName: string;
  unit: string;
  adjustable: boolean;
  global: boolean;
  /** One per account shown, in the order of `environments`. */
  values: QuotaCell[];
}

export interface QuotaCell {
  environment: string;
  accountId: string;
  accountName: string;
  /** The applied value; null when the account could not be read. */
  value: number | null;
  /** From the quota's CloudWatch usage metric; null when it has none or reported nothing. */
  usage: number | null;
  /** usage / value in percent, rounded to one decimal; null when either is unknown. */
  percent: number | null;
  openRequests: { id: string; status: string; desiredValue: number; created?: string }[];
}
