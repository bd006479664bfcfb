resource "azurerm_storage_account" "data" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AZ-ST-001: The account is encrypted with Microsoft-managed keys: add a customer-managed key
  name                     = "northwinddata"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}
