resource "azurerm_resource_group" "main" {
  name     = "northwind"
  location = "East US"
#            ^^^^^^^^^ error CG-AZ-RES-001: Location `East US` is not in the allowed regions
}
