resource "azurerm_managed_disk" "data" {
  name                   = "data"
  location               = "westeurope"
  storage_account_type   = "Premium_LRS"
  create_option          = "Empty"
  disk_size_gb           = 128
  disk_encryption_set_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/cmk"
}
