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

# An EBS-backed instance type: SageMaker accepts (and here we should have set) a KMS key for its
# storage volume. NVMe instance-storage types (ml.m5d, ml.g5, ...) reject one.
variable "endpoint_instance_type" {
  type    = string
  default = "ml.m5.large"
}
