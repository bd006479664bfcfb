resource "azurerm_role_assignment" "ci" {
  scope                = "/subscriptions/0000/resourceGroups/app"
  role_definition_name = "Website Contributor"
  principal_id         = "00000000-0000-0000-0000-000000000000"
}
