module github.com/ai-league/ai-league

go 1.26.8

require (
	github.com/alecthomas/chroma/v2 v2.27.0 // code highlighting with CSS classes (light and dark stylesheets)
	github.com/dlclark/regexp2/v2 v2.2.1 // chroma's regular expressions: their first-character sets let highlighting skip rules (content/lexer.go)
	github.com/fsnotify/fsnotify v1.10.1 // -serve: the file watcher the Go community uses; each directory is added
	github.com/go-echarts/go-echarts/v2 v2.6.7 // charts, rendered as snippets into our own templates
	github.com/microcosm-cc/bluemonday v1.0.27 // sanitising feed HTML (allow-list policy); older versions are retracted
	github.com/mmcdole/gofeed v1.4.2 // reading RSS, Atom and JSON Feed into one model
	github.com/yuin/goldmark v1.8.7 // CommonMark + GFM, footnotes, heading ids; raw HTML stays escaped
	github.com/yuin/goldmark-highlighting/v2 v2.0.0-20230729083705-37449abec8cc // chroma inside goldmark (untagged upstream)
	go.yaml.in/yaml/v3 v3.0.6 // YAML with node positions for file:line:col errors; maintained home of yaml.v3
	golang.org/x/image v0.48.0 // share images: PNG drawn with font/opentype and the Go fonts, no cgo
	golang.org/x/net v0.62.0 // html/charset for feed encodings; html tokenizer for absolute links in feeds
	golang.org/x/sys v0.50.0 // renameat2(RENAME_EXCHANGE): swap the new site in atomically
)

require (
	github.com/aymerick/douceur v0.2.0 // indirect
	github.com/gorilla/css v1.0.1 // indirect
	github.com/mmcdole/goxpp/v2 v2.0.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
