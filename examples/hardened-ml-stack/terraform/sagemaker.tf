# ------------------------------------------------------------------ notebook

# Runs without internet access: the sync goes through the S3 gateway endpoint.
resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "setup" {
  name = "${var.project}-notebook-setup"

  on_start = base64encode(<<-EOT
    #!/bin/bash
    set -euo pipefail
    sudo -u ec2-user -i <<'EOF'
    aws s3 sync s3://${aws_s3_bucket.training_data.bucket}/notebooks/ /home/ec2-user/SageMaker/
    EOF
  EOT
  )
}

# ringfence: sagemaker-notebook-direct-internet -> direct_internet_access = "Disabled".
# ringfence: sagemaker-notebook-not-in-vpc      -> subnet_id in a private subnet.
# ringfence: sagemaker-notebook-root-access     -> root_access = "Disabled".
# ringfence: sagemaker-notebook-volume-cmk      -> kms_key_id: the stack's key.
resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "${var.project}-research"
  instance_type          = var.notebook_instance_type
  role_arn               = aws_iam_role.sagemaker_execution.arn
  lifecycle_config_name  = aws_sagemaker_notebook_instance_lifecycle_configuration.setup.name
  platform_identifier    = "notebook-al2-v3"
  volume_size            = 50
  direct_internet_access = "Disabled"
  subnet_id              = aws_subnet.private_a.id
  security_groups        = [aws_security_group.sagemaker.id]
  root_access            = "Disabled"
  kms_key_id             = aws_kms_key.ml.key_id

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}

# ------------------------------------------------------------------ studio

# ringfence: sagemaker-domain-vpc-only -> app_network_access_type = "VpcOnly", so Studio apps reach
# the network only through the private subnets and the security group.
resource "aws_sagemaker_domain" "studio" {
  domain_name             = "${var.project}-studio"
  auth_mode               = "IAM"
  app_network_access_type = "VpcOnly"
  vpc_id                  = aws_vpc.main.id
  subnet_ids              = [aws_subnet.private_a.id, aws_subnet.private_b.id]
  kms_key_id              = aws_kms_key.ml.arn

  default_user_settings {
    execution_role  = aws_iam_role.sagemaker_execution.arn
    security_groups = [aws_security_group.sagemaker.id]
  }
}

# ------------------------------------------------------------------ hosting

# ringfence: sagemaker-model-network-isolation -> enable_network_isolation = true.
# ringfence: sagemaker-model-vpc               -> vpc_config with the private subnets.
# ringfence: sagemaker-model-image-pinned      -> image referenced by @sha256 digest.
# ringfence: sagemaker-model-image-private-ecr -> image from the stack's own ECR repository.
resource "aws_sagemaker_model" "champion" {
  name                     = "${var.project}-champion"
  execution_role_arn       = aws_iam_role.sagemaker_execution.arn
  enable_network_isolation = true

  primary_container {
    image          = "${aws_ecr_repository.scorer.repository_url}@${var.champion_image_digest}"
    model_data_url = "s3://${aws_s3_bucket.training_data.bucket}/models/champion/model.tar.gz"
    environment = {
      SAGEMAKER_PROGRAM = "inference.py"
    }
  }

  vpc_config {
    security_group_ids = [aws_security_group.sagemaker.id]
    subnets            = [aws_subnet.private_a.id, aws_subnet.private_b.id]
  }
}

resource "aws_sagemaker_model" "challenger" {
  name                     = "${var.project}-challenger"
  execution_role_arn       = aws_iam_role.sagemaker_execution.arn
  enable_network_isolation = true

  primary_container {
    image          = "${aws_ecr_repository.scorer.repository_url}@${var.challenger_image_digest}"
    model_data_url = "s3://${aws_s3_bucket.training_data.bucket}/models/challenger/model.tar.gz"
  }

  vpc_config {
    security_group_ids = [aws_security_group.sagemaker.id]
    subnets            = [aws_subnet.private_a.id, aws_subnet.private_b.id]
  }
}

# ringfence: sagemaker-endpoint-config-kms   -> kms_key_arn (ml.m5.large is EBS-backed).
# ringfence: sagemaker-endpoint-data-capture -> every request, Input and Output, encrypted.
resource "aws_sagemaker_endpoint_configuration" "scoring" {
  name        = "${var.project}-scoring-v1"
  kms_key_arn = aws_kms_key.ml.arn

  production_variants {
    variant_name           = "champion"
    model_name             = aws_sagemaker_model.champion.name
    initial_instance_count = 1
    instance_type          = var.endpoint_instance_type
    initial_variant_weight = 0.9
  }

  production_variants {
    variant_name           = "challenger"
    model_name             = aws_sagemaker_model.challenger.name
    initial_instance_count = 1
    instance_type          = var.endpoint_instance_type
    initial_variant_weight = 0.1
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://${aws_s3_bucket.training_data.bucket}/capture/"
    kms_key_id                  = aws_kms_key.ml.arn

    capture_options {
      capture_mode = "Input"
    }

    capture_options {
      capture_mode = "Output"
    }

    capture_content_type_header {
      csv_content_types  = ["text/csv"]
      json_content_types = ["application/json"]
    }
  }
}

resource "aws_sagemaker_endpoint" "scoring" {
  name                 = "${var.project}-scoring"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.scoring.name
}
