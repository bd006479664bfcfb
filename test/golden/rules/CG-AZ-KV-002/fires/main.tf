resource "azurerm_key_vault" "main" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AZ-KV-002: Purge protection is off (`purge_protection_enabled` defaults to false)
  name      = "northwind"
  location  = "westeurope"
  sku_name  = "standard"
  tenant_id = "00000000-0000-0000-0000-000000000000"
}
