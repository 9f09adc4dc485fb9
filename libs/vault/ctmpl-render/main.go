// ctmpl-render renders Vault Agent templates offline, for tests only.
//
// Vault Agent templates are consul-template files, and consul-template is Go's
// text/template plus its own functions. This program uses the real
// text/template engine and stands in only for the consul-template functions
// the shop's templates call, with the documented behaviour:
//
//	secret PATH      -> the fixture's secret for PATH (Data, LeaseDuration...);
//	                    a path missing from the fixture is an error, as Vault
//	                    would answer 403/404
//	timestamp        -> the fixed render time, RFC 3339 in UTC
//	toJSON VALUE     -> the value as JSON
//
// Like Vault Agent with `error_on_missing_key = true` (the setting the shop's
// agent configuration uses), a missing map key fails the render.
//
// Usage: ctmpl-render -data fixture.json -in TEMPLATES -out DIR -now RFC3339
// It renders every TEMPLATES/**/*.ctmpl to DIR/** (without .ctmpl) and prints,
// as JSON, the secret paths each template read.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"
)

// Secret mirrors the fields of consul-template's dependency.Secret the templates may use.
type Secret struct {
	LeaseID       string
	LeaseDuration int
	Renewable     bool
	Data          map[string]interface{}
}

func main() {
	dataFile := flag.String("data", "", "fixture: JSON object of secret path -> {lease_duration, renewable, data}")
	inDir := flag.String("in", "", "folder of .ctmpl files")
	outDir := flag.String("out", "", "folder to render into")
	now := flag.String("now", "", "render time, RFC 3339")
	flag.Parse()
	renderTime, err := time.Parse(time.RFC3339, *now)
	check(err)

	var fixture map[string]struct {
		LeaseDuration int                    `json:"lease_duration"`
		Renewable     bool                   `json:"renewable"`
		Data          map[string]interface{} `json:"data"`
	}
	raw, err := os.ReadFile(*dataFile)
	check(err)
	check(json.Unmarshal(raw, &fixture))

	reads := map[string][]string{}
	check(filepath.Walk(*inDir, func(path string, info os.FileInfo, walkErr error) error {
		if walkErr != nil || info.IsDir() || !strings.HasSuffix(path, ".ctmpl") {
			return walkErr
		}
		rel, _ := filepath.Rel(*inDir, path)
		reads[rel] = []string{}
		funcs := template.FuncMap{
			"secret": func(secretPath string, params ...string) (*Secret, error) {
				reads[rel] = append(reads[rel], secretPath)
				entry, ok := fixture[secretPath]
				if !ok {
					return nil, fmt.Errorf("no secret at %q (permission denied or missing)", secretPath)
				}
				return &Secret{LeaseID: secretPath + "/lease", LeaseDuration: entry.LeaseDuration, Renewable: entry.Renewable, Data: entry.Data}, nil
			},
			"timestamp": func() string { return renderTime.UTC().Format(time.RFC3339) },
			"toJSON": func(value interface{}) (string, error) {
				encoded, err := json.Marshal(value)
				return string(encoded), err
			},
		}
		source, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		tmpl, err := template.New(rel).Funcs(funcs).Option("missingkey=error").Parse(string(source))
		if err != nil {
			return err
		}
		target := filepath.Join(*outDir, strings.TrimSuffix(rel, ".ctmpl"))
		if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
			return err
		}
		file, err := os.OpenFile(target, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		defer file.Close()
		if err := tmpl.Execute(file, nil); err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		return nil
	}))
	encoded, err := json.Marshal(reads)
	check(err)
	fmt.Println(string(encoded))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "ctmpl-render:", err)
		os.Exit(1)
	}
}
