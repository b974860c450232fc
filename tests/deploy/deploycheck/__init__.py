"""Static checks of the deployment artefacts: Dockerfiles, docker-compose.yml, Kubernetes."""
