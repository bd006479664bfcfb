import type { ResourceView, Rule, RuleViolation } from '../ruleTypes';
import { knownBool, knownString } from '../valueChecks';

export const storageCmek: Rule = {
  id: 'CG-AZ-ST-001',
  name: 'StorageAccountWithoutCustomerManagedKey',
  title: 'Storage accounts are encrypted with a customer-managed key',
  severity: 'warning',
  profiles: ['cmek'],
  appliesTo: ['azurerm_storage_account'],
  rationale: 'With Microsoft-managed keys you cannot revoke access to the data by disabling the key, nor audit key use in your own Key Vault.',
  remediation: 'Add a `customer_managed_key` block (or an `azurerm_storage_account_customer_managed_key`) pointing at a Key Vault key with a rotation policy.',
  references: ['https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview'],
  tags: ['security', 'encryption-at-rest', 'cmek'],
  example: {
    bad: 'resource "azurerm_storage_account" "data" {\n  name                     = "northwinddata"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "ZRS"\n}\n',
    good: 'resource "azurerm_storage_account" "data" {\n  name                     = "northwinddata"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "ZRS"\n\n  customer_managed_key {\n    key_vault_key_id          = "https://northwind.vault.azure.net/keys/storage"\n    user_assigned_identity_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/storage"\n  }\n}\n',
  },
  check(r, context) {
    if (r.blocks('customer_managed_key').length > 0) return [];
    const separate = context.resourcesOfType('azurerm_storage_account_customer_managed_key');
    if (separate.some((c) => c.refersTo('storage_account_id', r) || c.referenced('storage_account_id') === undefined)) return [];
    return [{ message: 'The account is encrypted with Microsoft-managed keys: add a customer-managed key', at: r }];
  },
};

export const storagePublicBlobs: Rule = {
  id: 'CG-AZ-ST-002',
  name: 'StorageAccountAllowsPublicBlobs',
  title: 'Storage accounts do not allow public blob access',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: ['azurerm_storage_account'],
  rationale: 'With nested public access allowed, any container can be made anonymously readable by one setting.',
  remediation: 'Set `allow_nested_items_to_be_public = false`.',
  references: ['https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent'],
  tags: ['security', 'public-exposure', 'storage'],
  example: {
    bad: 'resource "azurerm_storage_account" "data" {\n  name                            = "northwinddata"\n  location                        = "westeurope"\n  allow_nested_items_to_be_public = true\n}\n',
    good: 'resource "azurerm_storage_account" "data" {\n  name                            = "northwinddata"\n  location                        = "westeurope"\n  allow_nested_items_to_be_public = false\n}\n',
  },
  check(r) {
    const out: RuleViolation[] = [];
    for (const name of ['allow_nested_items_to_be_public', 'allow_blob_public_access']) {
      if (knownBool(r.attribute(name)) === true) out.push({ message: 'Containers of this account may be made anonymously readable', at: r, path: name, fix: { title: 'Forbid public blob access', target: r, attribute: name, hcl: 'false' } });
    }
    return out;
  },
};

const vmTypes = ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set'];

export const diskEncryptionSet: Rule = {
  id: 'CG-AZ-DISK-001',
  name: 'ManagedDiskWithoutCustomerManagedKey',
  title: 'Managed disks use a disk encryption set',
  severity: 'warning',
  profiles: ['cmek'],
  appliesTo: ['azurerm_managed_disk', ...vmTypes],
  rationale: 'Disks without a disk encryption set are encrypted with platform-managed keys, which you cannot revoke or audit.',
  remediation: 'Set `disk_encryption_set_id` (on `azurerm_managed_disk`, or in the VM\'s `os_disk`) to a disk encryption set backed by your Key Vault key.',
  references: ['https://learn.microsoft.com/azure/virtual-machines/disk-encryption'],
  tags: ['security', 'encryption-at-rest', 'cmek'],
  example: {
    bad: 'resource "azurerm_managed_disk" "data" {\n  name                 = "data"\n  location             = "westeurope"\n  storage_account_type = "Premium_LRS"\n  create_option        = "Empty"\n  disk_size_gb         = 128\n}\n',
    good: 'resource "azurerm_managed_disk" "data" {\n  name                   = "data"\n  location               = "westeurope"\n  storage_account_type   = "Premium_LRS"\n  create_option          = "Empty"\n  disk_size_gb           = 128\n  disk_encryption_set_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/cmk"\n}\n',
  },
  check(r) {
    const disks: ResourceView[] = r.type === 'azurerm_managed_disk' ? [r] : r.blocks('os_disk');
    return disks.filter((d) => d.attribute('disk_encryption_set_id') === undefined).map((d) => ({ message: 'The disk is encrypted with platform-managed keys: set `disk_encryption_set_id`', at: d }));
  },
};

export const keyRotationPolicy: Rule = {
  id: 'CG-AZ-KV-001',
  name: 'KeyVaultKeyWithoutRotation',
  title: 'Key Vault keys rotate automatically',
  severity: 'warning',
  profiles: ['cmek'],
  appliesTo: ['azurerm_key_vault_key'],
  rationale: 'Keys without a rotation policy stay in use indefinitely; rotation bounds the data one key version protects.',
  remediation: 'Add `rotation_policy { automatic { time_before_expiry = "P30D" }, expire_after = "P1Y" }`.',
  references: ['https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation'],
  tags: ['security', 'encryption-at-rest', 'cmek'],
  example: {
    bad: 'resource "azurerm_key_vault_key" "storage" {\n  name         = "storage"\n  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/northwind"\n  key_type     = "RSA"\n  key_size     = 3072\n  key_opts     = ["wrapKey", "unwrapKey"]\n}\n',
    good: 'resource "azurerm_key_vault_key" "storage" {\n  name         = "storage"\n  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/northwind"\n  key_type     = "RSA"\n  key_size     = 3072\n  key_opts     = ["wrapKey", "unwrapKey"]\n\n  rotation_policy {\n    expire_after = "P1Y"\n\n    automatic {\n      time_before_expiry = "P30D"\n    }\n  }\n}\n',
  },
  check(r) {
    const policies = r.blocks('rotation_policy');
    if (policies.length === 0) return [{ message: 'The key has no rotation policy', at: r }];
    return policies.filter((p) => p.blocks('automatic').length === 0).map((p) => ({ message: 'The rotation policy does not rotate the key automatically', at: p }));
  },
};

export const keyVaultPurgeProtection: Rule = {
  id: 'CG-AZ-KV-002',
  name: 'KeyVaultWithoutPurgeProtection',
  title: 'Key vaults have purge protection',
  severity: 'warning',
  profiles: ['cmek', 'baseline'],
  appliesTo: ['azurerm_key_vault'],
  rationale: 'Without purge protection a deleted vault, and every customer-managed key in it, can be purged at once, making the encrypted data unrecoverable.',
  remediation: 'Set `purge_protection_enabled = true` (it cannot be turned off again).',
  references: ['https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview'],
  tags: ['security', 'cmek', 'data-loss'],
  example: {
    bad: 'resource "azurerm_key_vault" "main" {\n  name      = "northwind"\n  location  = "westeurope"\n  sku_name  = "standard"\n  tenant_id = "00000000-0000-0000-0000-000000000000"\n}\n',
    good: 'resource "azurerm_key_vault" "main" {\n  name                     = "northwind"\n  location                 = "westeurope"\n  sku_name                 = "standard"\n  tenant_id                = "00000000-0000-0000-0000-000000000000"\n  purge_protection_enabled = true\n}\n',
  },
  check(r) {
    const v = r.attribute('purge_protection_enabled');
    const fix = { title: 'Turn on purge protection', target: r, attribute: 'purge_protection_enabled', hcl: 'true' };
    if (v === undefined) return [{ message: 'Purge protection is off (`purge_protection_enabled` defaults to false)', at: r, fix }];
    return knownBool(v) === false ? [{ message: 'Purge protection is off', at: r, path: 'purge_protection_enabled', fix }] : [];
  },
};

export const postgresPublic: Rule = {
  id: 'CG-AZ-PG-001',
  name: 'PostgresPublicNetworkAccess',
  title: 'Azure PostgreSQL servers are not reachable from public networks',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: ['azurerm_postgresql_flexible_server', 'azurerm_postgresql_server', 'azurerm_mysql_flexible_server'],
  rationale: 'With public network access the server has a public endpoint; only firewall rules stand between the data and the internet.',
  remediation: 'Set `public_network_access_enabled = false` and use VNet integration (`delegated_subnet_id`) or a private endpoint.',
  references: ['https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking'],
  tags: ['security', 'network', 'database', 'public-exposure'],
  example: {
    bad: 'resource "azurerm_postgresql_flexible_server" "db" {\n  name                          = "northwind-db"\n  location                      = "westeurope"\n  public_network_access_enabled = true\n}\n',
    good: 'resource "azurerm_postgresql_flexible_server" "db" {\n  name                          = "northwind-db"\n  location                      = "westeurope"\n  public_network_access_enabled = false\n}\n',
  },
  check(r) {
    const v = r.attribute('public_network_access_enabled');
    const fix = { title: 'Turn off public network access', target: r, attribute: 'public_network_access_enabled', hcl: 'false' };
    if (v === undefined) {
      // A flexible server in a delegated subnet has no public endpoint.
      if (r.attribute('delegated_subnet_id') !== undefined) return [];
      return [{ message: 'Public network access is on by default: the server has a public endpoint', at: r, fix }];
    }
    return knownBool(v) === true ? [{ message: 'Public network access is on: the server has a public endpoint', at: r, path: 'public_network_access_enabled', fix }] : [];
  },
};

export const sqlPublic: Rule = {
  id: 'CG-AZ-SQL-001',
  name: 'SqlServerPublicNetworkAccess',
  title: 'Azure SQL servers are not reachable from public networks',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: ['azurerm_mssql_server', 'azurerm_mssql_managed_instance'],
  rationale: 'Public network access gives the server a public endpoint guarded only by firewall rules.',
  remediation: 'Set `public_network_access_enabled = false` (or `public_data_endpoint_enabled = false` for managed instances) and connect through private endpoints.',
  references: ['https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#deny-public-network-access'],
  tags: ['security', 'network', 'database', 'public-exposure'],
  example: {
    bad: 'resource "azurerm_mssql_server" "db" {\n  name                = "northwind-sql"\n  location            = "westeurope"\n  version             = "12.0"\n  minimum_tls_version = "1.3"\n}\n',
    good: 'resource "azurerm_mssql_server" "db" {\n  name                          = "northwind-sql"\n  location                      = "westeurope"\n  version                       = "12.0"\n  minimum_tls_version           = "1.3"\n  public_network_access_enabled = false\n}\n',
  },
  check(r) {
    if (r.type === 'azurerm_mssql_managed_instance') {
      return knownBool(r.attribute('public_data_endpoint_enabled')) === true ? [{ message: 'The public data endpoint is on', at: r, path: 'public_data_endpoint_enabled' }] : [];
    }
    const v = r.attribute('public_network_access_enabled');
    const fix = { title: 'Turn off public network access', target: r, attribute: 'public_network_access_enabled', hcl: 'false' };
    if (v === undefined) return [{ message: 'Public network access is on by default: the server has a public endpoint', at: r, fix }];
    return knownBool(v) === true ? [{ message: 'Public network access is on: the server has a public endpoint', at: r, path: 'public_network_access_enabled', fix }] : [];
  },
};

export const sqlTdeCmek: Rule = {
  id: 'CG-AZ-SQL-002',
  name: 'SqlTdeWithoutCustomerManagedKey',
  title: 'Azure SQL transparent data encryption uses a customer-managed key',
  severity: 'warning',
  profiles: ['cmek'],
  appliesTo: ['azurerm_mssql_server_transparent_data_encryption'],
  rationale: 'Service-managed TDE keys cannot be revoked or audited by you.',
  remediation: 'Set `key_vault_key_id` to a Key Vault key with a rotation policy.',
  references: ['https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-byok-overview'],
  tags: ['security', 'encryption-at-rest', 'cmek', 'database'],
  example: {
    bad: 'resource "azurerm_mssql_server_transparent_data_encryption" "db" {\n  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/northwind-sql"\n}\n',
    good: 'resource "azurerm_mssql_server_transparent_data_encryption" "db" {\n  server_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/northwind-sql"\n  key_vault_key_id = "https://northwind.vault.azure.net/keys/tde/1"\n}\n',
  },
  check(r) {
    return r.attribute('key_vault_key_id') === undefined && r.attribute('managed_hsm_key_id') === undefined ? [{ message: 'TDE uses a service-managed key: set `key_vault_key_id`', at: r }] : [];
  },
};

export const databaseFirewallWorld: Rule = {
  id: 'CG-AZ-DB-001',
  name: 'DatabaseFirewallOpenToInternet',
  title: 'Database firewall rules do not admit the whole internet',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: ['azurerm_mssql_firewall_rule', 'azurerm_postgresql_flexible_server_firewall_rule', 'azurerm_mysql_flexible_server_firewall_rule', 'azurerm_postgresql_firewall_rule'],
  rationale: 'A rule from 0.0.0.0 to 255.255.255.255 lets every address on the internet try to log in.',
  remediation: 'Limit the rule to the addresses that need access, or remove it and use private endpoints.',
  references: ['https://learn.microsoft.com/azure/azure-sql/database/firewall-configure'],
  tags: ['security', 'network', 'database', 'public-exposure'],
  example: {
    bad: 'resource "azurerm_mssql_firewall_rule" "all" {\n  name             = "all"\n  server_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/northwind-sql"\n  start_ip_address = "0.0.0.0"\n  end_ip_address   = "255.255.255.255"\n}\n',
    good: 'resource "azurerm_mssql_firewall_rule" "office" {\n  name             = "office"\n  server_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/northwind-sql"\n  start_ip_address = "198.51.100.10"\n  end_ip_address   = "198.51.100.20"\n}\n',
  },
  check(r) {
    const start = knownString(r.attribute('start_ip_address'));
    const end = knownString(r.attribute('end_ip_address'));
    if (start === undefined || end === undefined) return [];
    const first = Number(start.split('.')[0]);
    const last = Number(end.split('.')[0]);
    // Anything spanning more than a /8 is the internet for practical purposes; 0.0.0.0–0.0.0.0 is "Azure services only".
    if (end === '0.0.0.0' || !(last - first >= 1 && (first === 0 || last === 255))) return [];
    return [{ message: `The rule admits ${start}–${end}: practically the whole internet`, at: r, path: 'end_ip_address' }];
  },
};

export const azureDataRules: Rule[] = [storageCmek, storagePublicBlobs, diskEncryptionSet, keyRotationPolicy, keyVaultPurgeProtection, postgresPublic, sqlPublic, sqlTdeCmek, databaseFirewallWorld];

