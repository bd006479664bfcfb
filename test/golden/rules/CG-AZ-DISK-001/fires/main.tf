resource "azurerm_managed_disk" "data" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AZ-DISK-001: The disk is encrypted with platform-managed keys: set `disk_encryption_set_id`
  name                 = "data"
  location             = "westeurope"
  storage_account_type = "Premium_LRS"
  create_option        = "Empty"
  disk_size_gb         = 128
}
