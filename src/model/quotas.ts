// Service quota increases as the validated model holds them (built from `quotas:` by src/config; planned by the
// `service-quota` and `quota-template` kinds).

export interface QuotaRequestModel {
  serviceCode: string;
  quotaCode: string;
  value: number;
  region: string;
  /** The accounts (by name) the increase is for; empty when only for new accounts. */
  accounts: string[];
  /** Put into the organization's quota request template for accounts created later. */
  newAccounts: boolean;
  /** Where in org.yaml it came from (`quotas[0]`), for messages. */
  source: string;
}
