resource "azurerm_storage_account" "data" {
  name                     = "northwinddata"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"

  customer_managed_key {
    key_vault_key_id          = "https://northwind.vault.azure.net/keys/storage"
    user_assigned_identity_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/storage"
  }
}
