# Nightly CSV exports that customers download from the application. They hold customer data, so
# they are kept for 30 days only.
module "exports" {
  source = "./modules/tagged_bucket"

  name                = "${local.name_prefix}-exports-${local.account_id}"
  kms_key_arn         = aws_kms_key.data.arn
  data_classification = "confidential"
  expiration_days     = 30
  tags                = local.common_tags
}
