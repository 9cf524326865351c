#!/usr/bin/env bash
# Checks the container and Kubernetes files without a Docker engine or a cluster (CI's test.sh does not run this):
#   1. kubectl kustomize deploy/k8s renders (YAML and kustomize errors);
#   2. kubectl apply --dry-run=client -k deploy/k8s, when a cluster is reachable (it needs the server's schemas);
#   3. deploy/check_manifests.py: every environment key in the manifests is in the configuration table (docs/configuration.md) and is
#      bound by the code (options classes, connection string names, the telemetry variables), the Orleans pod labels
#      match the cluster ids, probes, resources, RBAC, disruption budgets and shutdown grace periods agree with the code;
#   4. the Dockerfile: official .NET 10 images, a non-root user, the three ports, files it copies exist
#      (and hadolint, when installed).
# Exit status non-zero on any failure.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

failed=0
step() { printf 'validate: %s\n' "$*"; }
fail() { printf 'validate: FAIL: %s\n' "$*" >&2; failed=1; }

command -v kubectl >/dev/null 2>&1 || { echo "validate: kubectl is needed (it renders the kustomization)" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null ||
    { echo "validate: python3 with PyYAML is needed (Debian: apt-get install python3-yaml)" >&2; exit 1; }

rendered="$(mktemp)"
trap 'rm -f -- "$rendered"' EXIT

step "kubectl kustomize deploy/k8s"
if kubectl kustomize deploy/k8s >"$rendered"; then
    step "  $(grep -c '^kind:' "$rendered") objects"
else
    fail "deploy/k8s does not render"
fi

if kubectl version --request-timeout=3s >/dev/null 2>&1; then
    step "kubectl apply --dry-run=client -k deploy/k8s"
    kubectl apply --dry-run=client -k deploy/k8s || fail "kubectl apply --dry-run=client refused the manifests"
else
    step "no cluster reachable: kubectl apply --dry-run=client skipped (it needs the server's schemas)"
fi

if [[ -s "$rendered" ]]; then
    step "manifests against the code and docs/configuration.md"
    python3 deploy/check_manifests.py "$rendered" || fail "the manifests drifted from the code or docs/configuration.md"
fi

step "deploy/Dockerfile"
dockerfile=deploy/Dockerfile
grep -qE '^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$' "$dockerfile" || fail "the build stage is not the official .NET 10 SDK image"
grep -qE '^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0 AS runtime$' "$dockerfile" || fail "the runtime stage is not the official ASP.NET Core 10 image"
user="$(grep -E '^USER ' "$dockerfile" | tail -n 1 | awk '{print $2}')"
[[ -n "$user" && "$user" != root && "$user" != 0 ]] || fail "the image does not switch to a non-root user"
for port in 8080 11111 30000; do
    grep -qE "^EXPOSE .*\\b$port\\b" "$dockerfile" || fail "the image does not expose port $port"
done
while read -r source; do
    [[ -e "$source" ]] || fail "the Dockerfile copies $source, which does not exist"
done < <(grep -E '^COPY [^-]' "$dockerfile" | awk '{for (i = 2; i < NF; i++) print $i}')
for app in Silo Api; do
    [[ -f "src/$app/Bengkulu112.$app.csproj" ]] || fail "APP=$app has no src/$app/Bengkulu112.$app.csproj"
done
if command -v hadolint >/dev/null 2>&1; then
    hadolint "$dockerfile" || fail "hadolint"
else
    step "  hadolint not installed: lint of Dockerfile style skipped"
fi

if [[ $failed -ne 0 ]]; then
    echo "validate: FAILED" >&2
    exit 1
fi
echo "validate: OK"
