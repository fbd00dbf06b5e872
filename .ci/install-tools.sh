#!/usr/bin/env bash
# Installs the real programs the tests hand artifacts to (see docs/testing.md).
# Idempotent; needs root. BIRD 1.6, GoBGP, netplan, Suricata 7 (bookworm-backports), suricata-update;
# checks (cannot install) Terraform and the hashicorp/aws provider mirror.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
command -v bird >/dev/null || need+=(bird)
command -v gobgpd >/dev/null || need+=(gobgpd)
command -v netplan >/dev/null || need+=(netplan.io)
command -v suricata-update >/dev/null || need+=(suricata-update)
command -v tcpdump >/dev/null || need+=(tcpdump)
command -v ping >/dev/null || need+=(iputils-ping)
command -v ip >/dev/null || need+=(iproute2)
/usr/bin/python3 -c 'import gi' 2>/dev/null || need+=(python3-gi)   # GLib's key-file parser, for NetworkManager keyfiles
command -v go >/dev/null || need+=(golang-go)   # Go text/template renders the patched confd templates in test/calico
command -v kubectl >/dev/null || need+=(kubernetes-client)   # kubectl kustomize builds each calico/<cluster> directory in test/calico
if ! command -v suricata >/dev/null; then
  src=/etc/apt/sources.list.d/debian.sources
  bp=/etc/apt/sources.list.d/egressc-backports.sources
  if [ ! -f "$bp" ]; then
    uri=$(awk '/^URIs:/{print $2; exit}' "$src")
    key=$(awk '/^Signed-By:/{print $2; exit}' "$src")
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: %s\n' "$uri" "$key" > "$bp"
  fi
  want_suricata=1
fi
if [ ${#need[@]} -gt 0 ] || [ -n "${want_suricata:-}" ]; then
  apt-get update -qq
  [ ${#need[@]} -gt 0 ] && apt-get install -y -qq --no-install-recommends "${need[@]}"
  [ -n "${want_suricata:-}" ] && apt-get install -y -qq --no-install-recommends -t bookworm-backports suricata
fi
for t in bird gobgpd gobgp netplan suricata suricata-update go kubectl; do command -v "$t" >/dev/null || { echo "missing after install: $t" >&2; exit 1; }; done
# Terraform and the hashicorp/aws provider (test/terraform/terraform-cli.test.ts) cannot be installed here:
# they are in neither Debian (licence) nor the npm registry (its wrappers download from HashiCorp at install
# time), the only registries these machines reach. The machine image carries Terraform 1.11 in
# /usr/local/bin and an unpacked provider mirror; check that they are there (docs/testing.md says how to
# get them elsewhere).
mirror=${EGRESSC_TF_PROVIDER_MIRROR:-/opt/tf-plugins}
command -v terraform >/dev/null || { echo "missing: terraform (not installable from Debian or npm; install it from HashiCorp, see docs/testing.md)" >&2; exit 1; }
ls "$mirror"/registry.terraform.io/hashicorp/aws/*/linux_amd64/terraform-provider-aws_* >/dev/null 2>&1 \
  || { echo "missing: hashicorp/aws provider mirror in $mirror (see docs/testing.md: terraform providers mirror)" >&2; exit 1; }
echo "real tools ready: $(bird --version 2>&1 | head -1); $(suricata -V 2>&1 | head -1); netplan $(dpkg-query -W -f='${Version}' netplan.io); $(terraform version 2>/dev/null | head -1) with hashicorp/aws $(ls "$mirror"/registry.terraform.io/hashicorp/aws | tr '\n' ' ')"
