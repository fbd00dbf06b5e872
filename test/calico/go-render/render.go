// Test helper (not shipped): executes a confd-style BIRD template with Go's own text/template, the
// engine confd uses, so egressc's tests can check what a patched template renders.
// The template functions are egressc's re-implementation of the few confd functions the stand-in
// templates use (getenv, getv, ls, json, split, replace, getBGPConfig), over an in-memory key store.
//
// stdin: {"template": "...", "env": {...}, "keys": {"/path": "value"}, "bgpConfig": {...}}
// stdout: the rendered text.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/template"
)

type peer struct {
	Name              string
	IP                string
	ASNumber          string
	DirectlyConnected bool
	TTLSecurity       int
	GatewayMode       string
}

type bgpConfig struct {
	RouterID string
	ASNumber string
	Peers    []peer
}

type input struct {
	Template  string            `json:"template"`
	Env       map[string]string `json:"env"`
	Keys      map[string]string `json:"keys"`
	BGPConfig bgpConfig         `json:"bgpConfig"`
}

func main() {
	raw, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err)
	}
	var in input
	if err := json.Unmarshal(raw, &in); err != nil {
		fail(err)
	}
	funcs := template.FuncMap{
		"getenv": func(name string) string { return in.Env[name] },
		"getv": func(key string) (string, error) {
			value, ok := in.Keys[key]
			if !ok {
				return "", fmt.Errorf("key not found: %s", key)
			}
			return value, nil
		},
		"ls": func(prefix string) []string {
			seen := map[string]bool{}
			for key := range in.Keys {
				if rest := strings.TrimPrefix(key, prefix+"/"); rest != key {
					seen[strings.SplitN(rest, "/", 2)[0]] = true
				}
			}
			names := make([]string, 0, len(seen))
			for name := range seen {
				names = append(names, name)
			}
			sort.Strings(names)
			return names
		},
		"json": func(text string) (map[string]interface{}, error) {
			var value map[string]interface{}
			err := json.Unmarshal([]byte(text), &value)
			return value, err
		},
		"split":        strings.Split,
		"replace":      strings.Replace,
		"getBGPConfig": func(version int, _ interface{}) bgpConfig { return in.BGPConfig },
	}
	tmpl, err := template.New("bird.cfg.template").Funcs(funcs).Parse(in.Template)
	if err != nil {
		fail(err)
	}
	if err := tmpl.Execute(os.Stdout, nil); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
