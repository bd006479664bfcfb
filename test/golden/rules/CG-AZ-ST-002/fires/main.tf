resource "azurerm_storage_account" "data" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AZ-ST-001: The account is encrypted with Microsoft-managed keys: add a customer-managed key
  name                            = "northwinddata"
  location                        = "westeurope"
  allow_nested_items_to_be_public = true
#                                   ^^^^ error CG-AZ-ST-002: Containers of this account may be made anonymously readable
}
