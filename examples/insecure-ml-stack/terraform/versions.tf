# Fraud-detection ML stack (INSECURE example): the Terraform twin of
# ../cloudformation/ml-stack.yaml. Every ringfence default-profile rule fails on it; comments
# marked "ringfence:" say which and why. The hardened twin is ../../hardened-ml-stack/terraform.

terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project = var.project
    }
  }
}

data "aws_caller_identity" "current" {}

data "aws_availability_zones" "available" {
  state = "available"
}
