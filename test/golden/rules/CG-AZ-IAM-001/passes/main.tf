resource "azurerm_role_definition" "deploy" {
  name  = "deploy"
  scope = "/subscriptions/0000"

  permissions {
    actions = ["Microsoft.Web/sites/restart/action"]
  }
}
