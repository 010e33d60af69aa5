variable "region" {
  type    = string
  default = "us-east-1"
}

variable "project" {
  type    = string
  default = "fraud-detection"
}

variable "notebook_instance_type" {
  type    = string
  default = "ml.t3.medium"
}

# EBS-backed, so the endpoint configuration can (and does) name a KMS key for the storage volume.
variable "endpoint_instance_type" {
  type    = string
  default = "ml.m5.large"
}

# Image digests come from the CI pipeline that built, scanned and pushed the images.
variable "champion_image_digest" {
  type    = string
  default = "sha256:1e059294789927b8ffff16088906e935c03f5111492a731a00ac4175355b8aa0"

  validation {
    condition     = can(regex("^sha256:[a-f0-9]{64}$", var.champion_image_digest))
    error_message = "champion_image_digest must be sha256:<64 hex digits>."
  }
}

variable "challenger_image_digest" {
  type    = string
  default = "sha256:14936655bb174a85bc8bc74f1447583eee305ed9be28f31976c0b2f4b2e90bcd"

  validation {
    condition     = can(regex("^sha256:[a-f0-9]{64}$", var.challenger_image_digest))
    error_message = "challenger_image_digest must be sha256:<64 hex digits>."
  }
}
