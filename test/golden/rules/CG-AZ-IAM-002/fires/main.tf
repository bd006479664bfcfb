resource "azurerm_role_assignment" "ci" {
  scope                = "/subscriptions/0000"
  role_definition_name = "Owner"
#                        ^^^^^^^ warning CG-AZ-IAM-002: This assignment grants Owner
  principal_id         = "00000000-0000-0000-0000-000000000000"
}
