resource "azurerm_resource_group" "main" {
  name     = "northwind"
  location = "West Europe"
}
