#!/usr/bin/env python3
"""Checks rendered Kubernetes manifests (deploy/validate.sh passes `kubectl kustomize deploy/k8s`) against the code.

Fails when an environment key of a container is not in the README's configuration table, or is not bound by the code;
when the silo pods' Orleans labels differ from the cluster ids they are given; when a container lacks probes or
resources; when the silos' RBAC, disruption budget or grace period do not fit what the code needs.
"""
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

# Keys no Bengkulu112 code reads, each documented in the README table: who reads it instead.
LIBRARY_KEYS = {
    "POD_NAME": "Orleans.Hosting.Kubernetes",
    "POD_NAMESPACE": "Orleans.Hosting.Kubernetes",
    "POD_IP": "Orleans.Hosting.Kubernetes",
}
LIBRARY_PREFIXES = ("OTEL_", "ASPNETCORE_", "DOTNET_")

errors: list[str] = []


def error(message: str) -> None:
    errors.append(message)


def readme_keys() -> set[str]:
    """Backticked names in the first column of the README's configuration table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    keys: set[str] = set()
    for line in section.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            first = line.split("|")[1]
            keys.update(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)`", first))
    return keys


def code_files() -> list[tuple[pathlib.Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in SRC.rglob("*.cs") if "/bin/" not in str(p) and "/obj/" not in str(p)]


def bound_by_code(key: str, files: list[tuple[pathlib.Path, str]]) -> bool:
    parts = key.split("__")
    if len(parts) == 2 and parts[0] == "ConnectionStrings":
        return any(re.search(r'ConnectionStringName\s*=\s*"%s"' % re.escape(parts[1]), text) for _, text in files)
    if len(parts) >= 2 and parts[0] != "ConnectionStrings":
        section, prop = ":".join(parts[:-1]), parts[-1]
        # An options class bound from the section: `const string Section = "X"` and a settable property of that name.
        return any(
            re.search(r'const string Section\s*=\s*"%s"' % re.escape(section), text)
            and re.search(r"public\s+[\w<>?,\s]+\s+%s\s*\{\s*get;\s*set;" % re.escape(prop), text)
            for _, text in files)
    if key in LIBRARY_KEYS:
        return True
    if key.startswith(LIBRARY_PREFIXES):
        return True
    return any(f'"{key}"' in text for _, text in files)


def containers(doc: dict) -> list[dict]:
    return doc.get("spec", {}).get("template", {}).get("spec", {}).get("containers", []) or []


def env_map(container: dict) -> dict[str, dict]:
    return {e["name"]: e for e in container.get("env", []) or []}


def shutdown_seconds(program: pathlib.Path) -> int | None:
    match = re.search(r"ShutdownTimeout\s*=\s*TimeSpan\.FromSeconds\((\d+)\)", program.read_text(encoding="utf-8"))
    return int(match.group(1)) if match else None


def main() -> int:
    docs = [d for d in yaml.safe_load_all(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")) if d]
    by_kind: dict[str, list[dict]] = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)

    documented = readme_keys()
    files = code_files()
    secrets: set[str] = set()

    deployments = {d["metadata"]["name"]: d for d in by_kind.get("Deployment", [])}
    for name, deployment in deployments.items():
        pod = deployment["spec"]["template"]
        for container in containers(deployment):
            where = f"{name}/{container['name']}"
            ports = {p.get("name") for p in container.get("ports", []) or []}
            for key, entry in env_map(container).items():
                if key not in documented:
                    error(f"{where}: env {key} is not in the README's configuration table")
                if not bound_by_code(key, files):
                    error(f"{where}: env {key} is not bound by any options class or read by the code")
                ref = (entry.get("valueFrom") or {}).get("secretKeyRef")
                if ref:
                    secrets.add(f"{ref['name']}/{ref['key']}")
            for probe in ("readinessProbe", "livenessProbe"):
                spec = container.get(probe)
                if not spec:
                    error(f"{where}: no {probe}")
                    continue
                action = spec.get("httpGet") or spec.get("tcpSocket") or {}
                port = action.get("port")
                if isinstance(port, str) and port not in ports:
                    error(f"{where}: {probe} names port {port}, which the container does not declare")
                path = (spec.get("httpGet") or {}).get("path")
                if path and path not in ("/health/ready", "/health/live"):
                    error(f"{where}: {probe} probes {path}, not a health endpoint of the API")
            resources = container.get("resources") or {}
            for part in ("requests", "limits"):
                if not {"cpu", "memory"} <= set((resources.get(part) or {}).keys()):
                    error(f"{where}: resources.{part} must set cpu and memory")
        for volume in pod["spec"].get("volumes", []) or []:
            if "secret" in volume:
                for item in volume["secret"].get("items", []) or []:
                    secrets.add(f"{volume['secret']['secretName']}/{item['key']}")

    silo = deployments.get("bengkulu112-silo")
    api = deployments.get("bengkulu112-api")
    if not silo or not api:
        error("expected the Deployments bengkulu112-silo and bengkulu112-api")
        return report(secrets)

    # Silos: Kubernetes hosting on, pod labels equal to the ids, the RBAC the hosting package needs.
    silo_env = env_map(containers(silo)[0])
    if (silo_env.get("Orleans__Kubernetes") or {}).get("value") != "true":
        error("bengkulu112-silo: Orleans__Kubernetes must be \"true\" (Orleans.Hosting.Kubernetes)")
    labels = silo["spec"]["template"]["metadata"].get("labels", {})
    for label, key in (("orleans/serviceId", "Orleans__ServiceId"), ("orleans/clusterId", "Orleans__ClusterId")):
        value = (silo_env.get(key) or {}).get("value", "bengkulu112")
        if labels.get(label) != value:
            error(f"bengkulu112-silo: pod label {label}={labels.get(label)!r} differs from {key}={value!r}")
    api_env = env_map(containers(api)[0])
    for key in ("Orleans__ServiceId", "Orleans__ClusterId"):
        if (api_env.get(key) or {}).get("value") != (silo_env.get(key) or {}).get("value"):
            error(f"{key} differs between the silos and the API nodes: they would not form one cluster")
    for name in ("POD_NAME", "POD_NAMESPACE", "POD_IP"):
        if "fieldRef" not in ((silo_env.get(name) or {}).get("valueFrom") or {}):
            error(f"bengkulu112-silo: {name} must come from the downward API (fieldRef)")
    account = silo["spec"]["template"]["spec"].get("serviceAccountName")
    bound_roles = {b["roleRef"]["name"] for b in by_kind.get("RoleBinding", [])
                   if any(s.get("kind") == "ServiceAccount" and s.get("name") == account for s in b.get("subjects", []))}
    verbs: set[str] = set()
    for role in by_kind.get("Role", []):
        if role["metadata"]["name"] in bound_roles:
            for rule in role.get("rules", []):
                if "pods" in rule.get("resources", []):
                    verbs.update(rule.get("verbs", []))
    missing = {"get", "list", "watch", "patch", "delete"} - verbs
    if not account or missing:
        error(f"bengkulu112-silo: service account {account!r} lacks pod verbs {sorted(missing)}")

    # Disruption budgets select the pods they protect.
    for name, deployment in (("bengkulu112-silo", silo), ("bengkulu112-api", api)):
        selector = deployment["spec"]["selector"]["matchLabels"]
        if not any(p["spec"]["selector"].get("matchLabels") == selector for p in by_kind.get("PodDisruptionBudget", [])):
            error(f"{name}: no PodDisruptionBudget selects its pods")

    # Grace periods longer than the processes' own shutdown timeouts (plus the API's preStop pause).
    for name, deployment, program in (("bengkulu112-silo", silo, SRC / "Silo" / "Program.cs"),
                                      ("bengkulu112-api", api, SRC / "Api" / "Program.cs")):
        timeout = shutdown_seconds(program)
        grace = deployment["spec"]["template"]["spec"].get("terminationGracePeriodSeconds", 30)
        pause = (((containers(deployment)[0].get("lifecycle") or {}).get("preStop") or {}).get("sleep") or {}).get("seconds", 0)
        if timeout is None:
            error(f"{program.relative_to(ROOT)}: no HostOptions.ShutdownTimeout found")
        elif grace <= timeout + pause:
            error(f"{name}: terminationGracePeriodSeconds {grace} must exceed the shutdown timeout {timeout} s + preStop {pause} s")

    # The API's Service targets a port the API declares.
    for service in by_kind.get("Service", []):
        if service["spec"].get("selector") == api["spec"]["selector"]["matchLabels"]:
            declared = {p.get("name") for p in containers(api)[0].get("ports", [])}
            for port in service["spec"]["ports"]:
                if isinstance(port.get("targetPort"), str) and port["targetPort"] not in declared:
                    error(f"Service {service['metadata']['name']}: targetPort {port['targetPort']} is not an API port")

    check_network_policies(by_kind.get("NetworkPolicy", []), silo, api)
    if api["spec"]["template"]["spec"].get("automountServiceAccountToken") is not False:
        error("bengkulu112-api: automountServiceAccountToken must be false (the API never calls the Kubernetes API)")

    return report(secrets)


PRIVATE_RANGES = ("10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16")


def check_network_policies(policies: list[dict], silo: dict, api: dict) -> None:
    """Gateway only from API pods, silo port only from silos, PostgreSQL only from both, egress to public addresses only."""
    def selects(policy: dict, labels: dict) -> bool:
        wanted = policy["spec"].get("podSelector", {}).get("matchLabels", {})
        return all(labels.get(k) == v for k, v in wanted.items())

    def sources(rule: dict) -> list[str]:
        return [(peer.get("podSelector") or {}).get("matchLabels", {}).get("app.kubernetes.io/name", "*")
                for peer in rule.get("from", []) or [{}]]

    def ports(rule: dict) -> set[int]:
        return {p.get("port") for p in rule.get("ports", []) or []}

    silo_labels = silo["spec"]["template"]["metadata"]["labels"]
    api_labels = api["spec"]["template"]["metadata"]["labels"]
    if not any(selects(p, silo_labels) and selects(p, api_labels) and not p["spec"].get("ingress") and not p["spec"].get("egress")
               and {"Ingress", "Egress"} <= set(p["spec"].get("policyTypes", [])) for p in policies):
        error("NetworkPolicy: no default-deny policy selects both the silo and the API pods")
    silo_policies = [p for p in policies if selects(p, silo_labels) and p["spec"].get("ingress")]
    if not silo_policies:
        error("NetworkPolicy: no policy governs ingress to the silos")
    for policy in silo_policies:
        for rule in policy["spec"]["ingress"]:
            allowed = ports(rule)
            if not allowed:
                error(f"NetworkPolicy {policy['metadata']['name']}: a silo ingress rule opens every port")
            if 30000 in allowed and set(sources(rule)) != {"bengkulu112-api"}:
                error(f"NetworkPolicy {policy['metadata']['name']}: the gateway port is open to {sources(rule)}, not only the API pods")
            if 11111 in allowed and set(sources(rule)) != {"bengkulu112-silo"}:
                error(f"NetworkPolicy {policy['metadata']['name']}: the silo port is open to {sources(rule)}, not only silos")
        for rule in policy["spec"].get("egress", []) or []:
            for peer in rule.get("to", []) or []:
                block = peer.get("ipBlock")
                if block and block.get("cidr") == "0.0.0.0/0" and not rule.get("ports"):
                    missing = [r for r in PRIVATE_RANGES if r not in (block.get("except") or [])]
                    if missing:
                        error(f"NetworkPolicy {policy['metadata']['name']}: egress to any address does not except {missing}")
    postgres = [p for p in policies if p["spec"].get("podSelector", {}).get("matchLabels", {}).get("app.kubernetes.io/name") == "postgres"]
    if not postgres:
        error("NetworkPolicy: no policy limits who reaches PostgreSQL")
    for policy in postgres:
        for rule in policy["spec"].get("ingress", []) or []:
            if set(sources(rule)) - {"bengkulu112-api", "bengkulu112-silo"} or ports(rule) != {5432}:
                error(f"NetworkPolicy {policy['metadata']['name']}: PostgreSQL is reachable by {sources(rule)} on {ports(rule)}")


def report(secrets: set[str]) -> int:
    if secrets:
        print("  secrets the manifests expect (create them, never commit them): " + ", ".join(sorted(secrets)))
    for message in errors:
        print("  " + message)
    if not errors:
        print("  environment keys, labels, probes, resources, RBAC, budgets and grace periods agree with the code")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
