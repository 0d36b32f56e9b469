package synth

// The built-in vocabulary. Everything a generated hub says is drawn from
// these lists, so the corpus needs no external data and reads, at a glance,
// like the civil-society writing the hub holds. Every entry is plain ASCII
// without quotes, brackets or markdown punctuation, so it can go into YAML
// strings, titles, slugs and markdown text unescaped.

// tagThemes are the tag vocabulary's base themes; tagModifiers combine with
// them when a larger vocabulary is asked for.
var tagThemes = []string{
	"co-production", "timebanking", "volunteering", "befriending", "social prescribing",
	"asset-based community development", "system stewardship", "commissioning",
	"procurement", "local government", "housing", "homelessness", "mental health",
	"wellbeing", "youth", "schools", "older people", "loneliness", "care homes",
	"day centres", "community transport", "food poverty", "food banks",
	"community energy", "climate action", "green spaces", "allotments",
	"arts and culture", "libraries", "community hubs", "evaluation",
	"impact measurement", "participatory budgeting", "citizens assemblies",
	"deliberative democracy", "community organising", "mutual aid", "peer support",
	"carers", "disability", "accessibility", "inclusion", "equality", "anti-racism",
	"refugees", "migration", "digital inclusion", "employment", "skills",
	"apprenticeships", "social enterprise", "co-operatives", "community businesses",
	"credit unions", "financial inclusion", "debt advice", "welfare rights",
	"child poverty", "early years", "family support", "domestic abuse",
	"criminal justice", "restorative justice", "public health",
	"health inequalities", "primary care", "NHS partnerships", "integrated care",
	"adult social care", "home care", "dementia", "end of life care", "hospices",
	"bereavement", "rural communities", "coastal towns", "high streets",
	"regeneration", "community land trusts", "community asset transfer",
	"neighbourhood planning", "place-based working", "Wales", "Scotland",
	"Northern Ireland", "England", "London", "funding", "grant making",
	"philanthropy", "trust-based funding", "small charities", "governance",
	"trustees", "leadership", "workforce", "training", "safeguarding", "open data",
	"research", "storytelling", "lived experience", "user voice", "advocacy",
	"campaigning", "relational practice", "trauma-informed practice",
	"strengths-based practice", "human learning systems", "complexity",
	"collaboration", "partnerships", "networks", "faith groups", "sport",
	"physical activity", "walking", "cycling", "transport", "time credits",
	"community cafes", "repair cafes", "men's sheds", "intergenerational work",
	"language learning", "adult education", "play", "parks", "community safety",
	"tenants", "housing associations", "supported housing", "hoarding",
	"addiction recovery", "harm reduction", "social isolation", "fuel poverty",
	"community radio", "local democracy", "town councils", "infrastructure bodies",
}

var tagModifiers = []string{
	"rural", "urban", "youth-led", "community-led", "digital", "neighbourhood",
	"faith-based", "women-led", "peer-led", "council-run", "school-based",
	"coastal", "Welsh", "Scottish", "volunteer-run", "hospital",
}

var (
	// people are who sentences are about.
	people = []string{
		"residents", "volunteers", "carers", "young people", "older residents",
		"parents", "tenants", "commissioners", "councillors", "frontline staff",
		"youth workers", "community organisers", "trustees", "social workers",
		"GPs", "teachers", "neighbours", "peer mentors", "link workers",
		"housing officers", "local businesses", "funders", "researchers",
		"families", "service users", "community members", "care workers",
	}
	// orgKinds name kinds of organisation, and end organisation names.
	orgKinds = []string{
		"Community Trust", "Development Trust", "Housing Association", "Timebank",
		"Council for Voluntary Service", "Borough Council", "County Council",
		"Community Foundation", "Credit Union", "Food Partnership",
		"Befriending Service", "Youth Project", "Carers Centre", "Mind",
		"Citizens Advice", "Community Energy Co-operative", "Men's Shed",
		"Health Board", "Primary Care Network", "Arts Collective", "Day Centre",
		"Community Hub", "Tenants Association", "Neighbourhood Forum",
	}
	places = []string{
		"Blaengarw", "Bridgend", "Wrexham", "Denbigh", "Rhyl", "Hartlepool",
		"Dudley", "Lambeth", "Solva", "Debenham", "Barnsley", "Rochdale", "Stroud",
		"Totnes", "Keswick", "Hexham", "Oban", "Dundee", "Paisley", "Newry", "Omagh",
		"Swansea", "Merthyr Tydfil", "Aberystwyth", "Lancaster", "Preston", "Wigan",
		"Oldham", "Hastings", "Margate", "Great Yarmouth", "Boston", "Grimsby",
		"Scarborough", "Whitby", "Carlisle", "Penzance", "Bideford", "Frome",
		"Ludlow", "Shrewsbury", "Telford", "Walsall", "Leicester", "Derby",
		"Mansfield", "Corby", "Luton", "Peterborough", "Norwich", "Ipswich",
		"Colchester", "Southend", "Hackney", "Tower Hamlets", "Croydon",
		"Brixton", "Peckham", "Govan", "Easterhouse", "Fort William", "Stornoway",
		"Derry", "Belfast", "Armagh", "Llanelli", "Newport", "Pontypridd",
	}
	regions = []string{
		"Wales", "Scotland", "Northern Ireland", "North East", "North West",
		"Yorkshire and the Humber", "East Midlands", "West Midlands",
		"East of England", "London", "South East", "South West",
	}
	firstNames = []string{
		"Amira", "Ben", "Carys", "Dev", "Eleri", "Femi", "Gwen", "Harpreet",
		"Iona", "Jamal", "Kate", "Liam", "Megan", "Nia", "Owen", "Priya", "Rhys",
		"Sadia", "Tom", "Una", "Victor", "Wen", "Yusuf", "Zara", "Aled", "Bethan",
		"Chidi", "Dafydd", "Esther", "Fraser", "Grace", "Hamza",
	}
	lastNames = []string{
		"Okafor", "Shah", "Jones", "Davies", "Evans", "Macleod", "Murphy",
		"Nowak", "Patel", "Roberts", "Singh", "Thomas", "Williams", "Hughes",
		"Campbell", "Kaur", "Owusu", "Price", "Lewis", "Morgan", "Reid", "Begum",
	}
	publishers = []string{
		"New Economics Foundation", "Nesta", "Institute for Government",
		"Carnegie UK", "Joseph Rowntree Foundation", "Local Trust",
		"Lankelly Chase", "The King's Fund", "Power to Change", "NCVO",
		"Wales Council for Voluntary Action", "Centre for Public Impact",
		"Locality", "Co-operatives UK", "Shelter", "Age UK", "The Health Foundation",
		"Big Lottery Fund", "Social Care Institute for Excellence", "Demos",
	}
	venues = []string{
		"Community Centre", "Town Hall", "Library", "Miners Institute",
		"Workmen's Hall", "Civic Centre", "Quaker Meeting House", "Arts Centre",
		"Village Hall", "Church Hall", "Youth Centre", "Football Club",
	}

	adjectives = []string{
		"small", "local", "practical", "patient", "shared", "long-term", "early",
		"honest", "careful", "open", "modest", "bold", "steady", "informal",
		"flexible", "trusted", "simple", "difficult", "quiet", "regular",
		"hidden", "public", "neighbourly", "joined-up", "unexpected", "lasting",
		"useful", "familiar", "fragile", "generous", "new", "old", "weekly",
	}
	nouns = []string{
		"conversations", "relationships", "grants", "networks", "services",
		"budgets", "meetings", "workshops", "outcomes", "partnerships", "spaces",
		"skills", "contracts", "stories", "decisions", "routines", "visits",
		"groups", "rotas", "referrals", "hours", "surveys", "plans", "pilots",
		"roles", "lunches", "journeys", "projects", "sessions", "tools",
		"questions", "commitments", "connections", "assets", "priorities",
	}
	verbs = []string{
		"built", "tested", "funded", "shared", "redesigned", "supported", "mapped",
		"questioned", "listened to", "brought together", "set up", "handed over",
		"looked again at", "learned from", "kept", "measured", "wrote down",
		"took on", "opened up", "grew", "protected", "counted", "simplified",
		"stopped", "started", "trusted", "invited", "trained", "paid for",
	}
	prepositions = []string{
		"across the borough", "in three neighbourhoods", "over eighteen months",
		"with the local health board", "for people living alone",
		"without extra funding", "in the old chapel", "on the estate",
		"through the winter", "alongside the council", "in every ward",
		"after the pilot ended", "before the contract was renewed",
		"at the weekly drop-in", "through the schools", "with no paid staff",
		"in the village hall", "across the valley", "along the coast",
		"for the first time", "as the budget shrank", "with patience",
	}
	connectives = []string{
		"At first", "Over time", "In practice", "Even so", "By the second year",
		"Looking back", "More quietly", "For many", "Just as important",
		"Unexpectedly", "In the end", "From the start", "Meanwhile",
	}
	observations = []string{
		"nobody had asked them before",
		"the paperwork mattered less than the people",
		"trust took longer to build than anyone planned",
		"the smallest changes made the most difference",
		"the money followed the relationships, not the other way round",
		"people wanted to give as well as receive",
		"the numbers told only part of the story",
		"staff needed permission to do things differently",
		"the hardest part was stopping what did not work",
		"a cup of tea opened more doors than a leaflet",
		"the group kept going when the funding paused",
		"the questions changed once residents were in the room",
	}
	headings = []string{
		"Where it started", "What they did", "What changed", "What was hard",
		"What others can take from it", "The people involved", "Money and time",
		"How it is run", "Measuring what matters", "Lessons", "Next steps",
		"Background", "The approach", "Working with the council",
		"Keeping it going", "What residents said", "Risks and limits",
		"Why it matters", "Getting started", "The evidence", "Open questions",
		"Who it is for", "How to take part", "Programme",
	}
	// titleHeads and titleTails make titles: "<head> <tail>".
	titleHeads = []string{
		"How", "Why", "What", "When", "Learning from", "Notes on", "Inside",
		"Rethinking", "Starting", "Sharing", "Growing", "Funding", "Measuring",
	}
	outcomeVerbs = []string{
		"More residents took part in", "Fewer people were referred on from",
		"Volunteers stayed longer with", "The council changed how it funds",
		"Young people now help to run", "Waiting times fell for",
		"Local groups took over", "Carers had more say in",
	}
)
