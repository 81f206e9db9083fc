package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"jianzheng/generator/pipeline"
	"jianzheng/generator/preview"
)

const serveSummary = "build into memory and serve a live preview that rebuilds on every save"

func runServe(args []string, stdout, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveUntil(ctx, args, stdout, stderr)
}

// serveUntil is the serve command, ending when ctx is done, so that tests
// can stop it without a signal. The preview itself is package preview's.
func serveUntil(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	var src sources
	src.register(fl, true)
	addr := fl.String("addr", "127.0.0.1:1313", "address to listen on; the preview has no password, so keep it on loopback")
	public := fl.Bool("public", false, "allow an -addr other computers can reach: they will see unpublished content")
	baseURL := fl.String("base-url", "", "absolute address where the site will live (overrides base_url in site.toml)")
	previous := fl.String("previous", "public", "the previous publication (a built site or its data/manifest.json), read once at start, so that the preview shows what the next build would")
	allowRemoval := fl.Bool("allow-removal", false, "let records of the previous publication disappear, as build -allow-removal does")
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "usage: go run ./generator serve [flags]\n\n%s\n\nflags:\n", serveSummary)
		fl.PrintDefaults()
	}
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	if !*public && !preview.OnLoopback(*addr) {
		return &usageError{fmt.Sprintf("-addr %s can be reached from other computers, and the preview shows unpublished content without a password: add -public if that is what you want, or use -addr 127.0.0.1:1313", *addr)}
	}
	if err := checkBaseURL(*baseURL); err != nil {
		return err
	}
	in, _, err := src.inputs(fl, *baseURL)
	if err != nil {
		return err
	}
	if in.Previous, err = readManifest(*previous); err != nil {
		return err
	}
	in.AllowRemoval = *allowRemoval
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w (is another preview running? choose another -addr)", err)
	}
	defer ln.Close()
	var watch []preview.Root // folders on disk; the built-in ones never change
	if _, builtIn := in.Content.(embed.FS); !builtIn {
		watch = append(watch, preview.Root{Dir: src.contentDir}) // named as in error messages
	}
	if _, builtIn := in.Templates.(embed.FS); !builtIn {
		watch = append(watch, preview.Root{Dir: src.templatesDir, Prefix: filepath.Base(src.templatesDir) + "/"})
	}
	return preview.Serve(ctx, ln, preview.Config{Builder: pipeline.New(in), Watch: watch, Stdout: stdout, Stderr: stderr})
}
