package share

// samples are cards like the bundled site's, for tests and for looking at.
var samples = map[string]Card{
	"home": {Site: "AI League", Kicker: "Leaders", Title: "Open-weight models, ranked like a football league.",
		Rows: []Row{
			{Rank: "1", Name: "Qwen3.5-4B", Detail: "Pocket · Alibaba", Value: "18 pts"},
			{Rank: "1", Name: "Qwen3.5-9B", Detail: "Laptop · Alibaba", Value: "22 pts"},
			{Rank: "1", Name: "Qwen3.5-27B", Detail: "Workstation · Alibaba", Value: "25 pts"},
			{Rank: "1", Name: "DeepSeek-V4-Pro-Max-Thinking-Preview", Detail: "Datacenter · DeepSeek", Value: "31 pts"},
		},
		Footer: "Standings as of 5 June 2026", Host: "example.github.io/ai-league"},
	"table": {Site: "AI League", Kicker: "Standings", Title: "Laptop table",
		Rows: []Row{
			{Rank: "1", Name: "Qwen3.5-9B", Detail: "7-1-1 · Alibaba Qwen (Tongyi Lab)", Value: "22 pts"},
			{Rank: "2", Name: "Gemma 4 12B", Detail: "6-2-1 · Google DeepMind", Value: "20 pts"},
			{Rank: "=3", Name: "Llama 4.1 Scout 11B Instruct", Detail: "5-1-3 · Meta", Value: "16 pts"},
			{Rank: "=3", Name: "Phi-5", Detail: "5-1-3 · Microsoft", Value: "16 pts"},
			{Rank: "5", Name: "Ministral 3 14B", Detail: "3-0-6 · Mistral AI", Value: "9 pts"},
			{Rank: "6", Name: "Not drawn", Detail: "x", Value: "1 pts"},
		},
		Footer: "As of 5 June 2026 · top 5 of 14 models", Host: "example.github.io/ai-league"},
	"model": {Site: "AI League", Kicker: "Player", Title: "Qwen3.5-9B", Sub: "Alibaba · Laptop division · 9B parameters",
		Stats:  []Stat{{"Rank", "1st"}, {"Points", "22"}, {"Record", "7-1-1"}, {"Rating", "1612"}},
		Footer: "Overall table, as of 5 June 2026", Host: "example.github.io/ai-league"},
	"h2h": {Site: "AI League", Kicker: "Head-to-head", Title: "Laptop division",
		Match:  &Match{A: "Gemma 4 12B", B: "Qwen3.5-9B", AWon: 3, BWon: 5, Winner: "b", Note: "2 drawn · 10 shared benchmarks"},
		Footer: "As of 5 June 2026", Host: "example.github.io/ai-league"},
	"h2h-draw": {Site: "AI League", Kicker: "Head-to-head",
		Match:  &Match{A: "DeepSeek-V4-Pro-Max-Thinking-Preview-2026", B: "Mistral Large 3 Instruct 2512", AWon: 12, BWon: 12, Note: "1 drawn · 25 shared benchmarks"},
		Footer: "As of 5 June 2026", Host: "example.github.io/ai-league"},
	"post": {Site: "AI League", Kicker: "Commentary", Title: "The executive order and the open-weight league: what changes for the pocket division this summer",
		Sub: "3 June 2026", Text: "The June 2026 US executive order on AI leaves open weights alone for now, but the reporting duties it sets for large training runs will reach the datacenter division first. Here is what the tables say about who is exposed, and which clubs have already published the evaluations the order asks for, benchmark by benchmark.",
		Footer: "By AI League", Host: "example.github.io/ai-league"},
}
