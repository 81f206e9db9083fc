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

const serveSummary = "在本机预览网站：每次保存后自动重新生成并刷新页面"

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
	addr := fl.String("addr", "127.0.0.1:1313", "预览的地址；预览没有密码，只在本机使用")
	public := fl.Bool("public", false, "允许其他电脑访问的 -addr：它们会看到还没发布的内容")
	baseURL := fl.String("base-url", "", "网站上线后的完整网址（代替 site.toml 的 base_url）")
	previous := fl.String("previous", "public", "上次发布的网站（文件夹或它的 data/manifest.json），启动时读一次，让预览显示下次生成的样子")
	allowRemoval := fl.Bool("allow-removal", false, "允许上次发布过的事项消失，同 build -allow-removal")
	setUsage(fl, "[选项]", serveSummary)
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	if !*public && !preview.OnLoopback(*addr) {
		return &usageError{fmt.Sprintf("-addr %s 别的电脑也能打开，而预览没有密码，谁打开都能看到还没公布的内容：确实需要的话，请加上 -public；否则请用 -addr 127.0.0.1:1313", *addr)}
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
		return fmt.Errorf("serve：%w（是不是已经开着一个预览？换一个 -addr 试试）", err)
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
