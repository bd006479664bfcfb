resource "azurerm_key_vault_key" "storage" {
  name         = "storage"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/northwind"
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    expire_after = "P1Y"

    automatic {
      time_before_expiry = "P30D"
    }
  }
}
