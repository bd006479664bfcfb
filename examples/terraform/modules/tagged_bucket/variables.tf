variable "name" {
  description = "Globally unique name of the bucket."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts every object."
  type        = string
}

variable "data_classification" {
  description = "Sensitivity of the data the bucket holds, written into the DataClassification tag."
  type        = string

  validation {
    condition     = contains(["public", "internal", "confidential", "restricted"], var.data_classification)
    error_message = "The data classification must be public, internal, confidential or restricted."
  }
}

variable "expiration_days" {
  description = "Days after which objects are deleted; null keeps them forever."
  type        = number
  default     = null
}

variable "tags" {
  description = "Tags added to the bucket, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
