# ------------------------------------------------------------------ notebook

resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "setup" {
  name = "${var.project}-notebook-setup"

  # Pulls the project's libraries straight from the internet on every start.
  on_start = base64encode(<<-EOT
    #!/bin/bash
    set -euo pipefail
    sudo -u ec2-user -i <<'EOF'
    source activate python3
    pip install --quiet xgboost==1.7.6 shap==0.44.0
    aws s3 sync s3://${aws_s3_bucket.training_data.bucket}/notebooks/ /home/ec2-user/SageMaker/
    EOF
  EOT
  )
}

# ringfence: sagemaker-notebook-direct-internet. direct_internet_access is not set, and AWS's
#   default is Enabled: the instance gets a public route that bypasses the VPC entirely.
# ringfence: sagemaker-notebook-not-in-vpc. No subnet_id: the notebook runs in a SageMaker-managed
#   network, outside our VPC, security group and S3 endpoint.
# ringfence: sagemaker-notebook-root-access. root_access is not set, and AWS's default is Enabled:
#   any notebook user can become root and change the instance.
# ringfence: sagemaker-notebook-volume-cmk. No kms_key_id: the ML storage volume is encrypted with
#   an AWS-managed key we cannot audit or revoke.
resource "aws_sagemaker_notebook_instance" "research" {
  name                  = "${var.project}-research"
  instance_type         = var.notebook_instance_type
  role_arn              = aws_iam_role.sagemaker_execution.arn
  lifecycle_config_name = aws_sagemaker_notebook_instance_lifecycle_configuration.setup.name
  platform_identifier   = "notebook-al2-v3"
  volume_size           = 50
}

# ------------------------------------------------------------------ studio

# The team is moving from the notebook instance to Studio.
# ringfence: sagemaker-domain-vpc-only. app_network_access_type is not set, and AWS's default is
#   PublicInternetOnly: Studio apps get internet access through a SageMaker-managed VPC, whatever
#   this VPC's subnets and security groups say.
resource "aws_sagemaker_domain" "studio" {
  domain_name = "${var.project}-studio"
  auth_mode   = "IAM"
  vpc_id      = aws_vpc.main.id
  subnet_ids  = [aws_subnet.private_a.id, aws_subnet.private_b.id]

  default_user_settings {
    execution_role = aws_iam_role.sagemaker_execution.arn
  }
}

# ------------------------------------------------------------------ hosting

# ringfence: sagemaker-model-network-isolation. enable_network_isolation is not set (default
#   false): the serving container can make any outbound call, e.g. post request payloads out.
# ringfence: sagemaker-model-vpc. No vpc_config: the container's traffic does not go through our
#   VPC, security group or endpoints.
# ringfence: sagemaker-model-image-pinned. The image is referenced by the mutable tag ":latest",
#   not by digest: whatever is pushed under that tag next is what gets served.
resource "aws_sagemaker_model" "champion" {
  name               = "${var.project}-champion"
  execution_role_arn = aws_iam_role.sagemaker_execution.arn

  primary_container {
    image          = "${aws_ecr_repository.scorer.repository_url}:latest"
    model_data_url = "s3://${aws_s3_bucket.training_data.bucket}/models/champion/model.tar.gz"
    environment = {
      SAGEMAKER_PROGRAM = "inference.py"
    }
  }
}

# The challenger is served from a Docker Hub image, pulled through the VPC (SageMaker's "Vpc"
# repository access mode needs a vpc_config, so this one at least runs in the VPC).
# ringfence: sagemaker-model-image-private-ecr. The image comes from Docker Hub, outside the
#   account: no ECR scanning, no IAM control over who can push it.
# ringfence: sagemaker-model-image-pinned. It is pinned by the tag "2.3", which can be moved.
# ringfence: sagemaker-model-network-isolation. Not isolated either.
resource "aws_sagemaker_model" "challenger" {
  name               = "${var.project}-challenger"
  execution_role_arn = aws_iam_role.sagemaker_execution.arn

  primary_container {
    image          = "docker.io/acmeml/fraud-scorer:2.3"
    model_data_url = "s3://${aws_s3_bucket.training_data.bucket}/models/challenger/model.tar.gz"

    image_config {
      repository_access_mode = "Vpc"
    }
  }

  vpc_config {
    security_group_ids = [aws_security_group.sagemaker.id]
    subnets            = [aws_subnet.private_a.id, aws_subnet.private_b.id]
  }
}

# ringfence: sagemaker-endpoint-config-kms. No kms_key_arn although ml.m5.large is EBS-backed: the
#   endpoint's storage volume uses an AWS-managed key.
# ringfence: sagemaker-endpoint-data-capture. Capture samples 10% of requests and only the Input:
#   too little to reconstruct an extraction or evasion attempt, and no record of what the model
#   answered.
resource "aws_sagemaker_endpoint_configuration" "scoring" {
  name = "${var.project}-scoring-v1"

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
    initial_sampling_percentage = 10
    destination_s3_uri          = "s3://${aws_s3_bucket.training_data.bucket}/capture/"

    capture_options {
      capture_mode = "Input"
    }
  }
}

resource "aws_sagemaker_endpoint" "scoring" {
  name                 = "${var.project}-scoring"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.scoring.name
}

# ------------------------------------------------------------------ monitoring
# ringfence: cloudtrail-trail-exists. There is no aws_cloudtrail in this configuration, so no
#   record of who called the SageMaker, S3 and IAM APIs.
# ringfence: cloudwatch-unauthorized-api-alarm. No metric filter on AccessDenied* /
#   *UnauthorizedOperation errors and no alarm: probing with stolen credentials goes unnoticed.
