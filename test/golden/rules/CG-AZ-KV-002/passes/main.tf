resource "azurerm_key_vault" "main" {
  name                     = "northwind"
  location                 = "westeurope"
  sku_name                 = "standard"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  purge_protection_enabled = true
}
