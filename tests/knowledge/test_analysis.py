from __future__ import annotations

import Stemmer

from knowledge.analysis import (
    Vocabulary,
    analyze,
    derivation_root,
    diminutive_base,
    fold,
    language_guess,
    osa_distance,
    query_analyze,
    split_compound,
    stem,
    tokenize,
    word_concepts,
)


def test_fold_normalises_case_accents_and_compatibility_forms() -> None:
    assert fold("Hygiëne ÉÉN Straße ﬁx") == "hygiene een strasse fix"


def test_tokens_are_folded_and_keep_their_offsets_in_the_original() -> None:
    # when
    tokens = tokenize("Hygiëne-artikelen: €4,95")

    # then
    assert [(t.text, t.start, t.end) for t in tokens] == [
        ("hygiene", 0, 7),
        ("artikelen", 8, 17),
        ("4", 20, 21),
        ("95", 22, 24),
    ]


def test_dutch_stemmer_joins_participles_where_dutch_porter_does_not() -> None:
    # given the three forms of "to return" a shopper writes
    forms = ["retourneren", "geretourneerd", "retourneer"]

    # then "dutch" (our choice) gives one stem, "dutch_porter" leaves the participle apart
    assert {stem(w, "nl") for w in forms} == {"retourneer"}
    assert Stemmer.Stemmer("dutch_porter").stemWords(forms[:2]) == ["retourner", "geretourneerd"]


def test_dutch_words_snowball_conflates_with_unrelated_ones_keep_their_own_stem() -> None:
    # Snowball's "dutch" cuts "verzenden" (to ship) to "vers" (fresh) and "geldig" (valid) to
    # "geld" (money): a question about money back would meet gift-card validity.
    shipping = {stem(w, "nl") for w in ["verzenden", "verzending", "verzendt", "verzonden"]}
    assert shipping == {"verzend"}
    assert stem("verse", "nl") not in shipping
    assert stem("geldig", "nl") == stem("geldigheid", "nl") != stem("geld", "nl")
    assert stem("verstuurd", "nl") == stem("versturen", "nl")
    assert stem("weekend", "nl") != stem("weken", "nl")
    assert "weekend" not in word_concepts("weken")
    assert stem("korting", "nl") != stem("kort", "nl")
    # other words keep Snowball's stem
    assert stem("bestellingen", "nl") == Stemmer.Stemmer("dutch").stemWord("bestellingen")


def test_a_city_is_a_place_in_both_languages_and_a_question_naming_it_asks_its_country() -> None:
    # given the English and Dutch names of a few cities
    assert word_concepts("ghent") == word_concepts("gent") == ("city_gent",)
    assert word_concepts("antwerp") == word_concepts("antwerpen") == ("city_antwerpen",)
    assert word_concepts("londen") == ("city_london",)

    # when a question names one
    analysis = query_analyze(
        "Do you deliver to Toronto?",
        language="en",
        vocabulary=Vocabulary.from_words([]),
        index_terms=frozenset(),
    )

    # then its group holds the city and its country (a shopper in Toronto asks about Canada)
    [group] = [g for g in analysis.groups if g.word == "toronto"]
    terms = dict(group.terms)
    assert terms["~city_toronto"] == terms["~country_ca"] == 1.0
    # and a two-word name is one place
    groups = query_analyze(
        "winkel in Den Haag",
        language="nl",
        vocabulary=Vocabulary.from_words([]),
        index_terms=frozenset(),
    ).groups
    assert [g.word for g in groups if "~city_den_haag" in dict(g.terms)] == ["den haag"]


def test_a_dutch_diminutive_meets_the_word_it_is_made_of() -> None:
    # given a vocabulary that knows the base words
    known = Vocabulary.from_words(["plant", "trui", "pakket", "bloem", "doos"]).knows

    # then the diminutive's base is found, the longest known base first
    assert diminutive_base("plantje", known=known) == "plant"
    assert diminutive_base("truitje", known=known) == "trui"
    assert diminutive_base("pakketje", known=known) == "pakket"
    assert stem(diminutive_base("bloemetje", known=known) or "", "nl") == stem("bloem", "nl")
    assert diminutive_base("meisje", known=known) is None

    # and a question's diminutive gets its base's terms
    analysis = query_analyze(
        "mijn plantje kwam kapot aan",
        language="nl",
        vocabulary=Vocabulary.from_words(["plant", "kapot"]),
        index_terms=frozenset({stem("plant", "nl")}),
    )
    [group] = [g for g in analysis.groups if g.word == "plantje"]
    assert stem("plant", "nl") in dict(group.terms)


def test_english_text_terms_with_phrases_quantities_and_concepts() -> None:
    terms = analyze("You can send it back within 30 days. Cancellation fee: EUR 5.", language="en")

    assert terms == [
        "~return",
        "send",
        "back",
        "~duration",
        "30",
        "day",
        "~day",
        "cancel",
        "~cancel",
        "fee",
        "~cost",
        "eur",
        "~amount",
        "5",
    ]


def test_dutch_compounds_add_their_parts_and_the_parts_concepts() -> None:
    terms = analyze("Annuleringskosten en een retourzending", language="nl")

    assert terms == [
        "annuleringskost",
        "annuler",
        "kost",
        "~cancel",
        "~cost",
        "retours",
        "retour",
        "zend",
        "~return",
        "~parcel",
    ]


def test_clock_times_are_no_durations_but_prices_are_amounts() -> None:
    terms = analyze("Voor 16:00 uur besteld, 9.00–17.00 uur open. EUR 4,95 of €10.", language="nl")

    assert "~duration" not in terms
    assert terms.count("~amount") == 2


def test_compounds_split_on_known_parts_with_a_linking_s() -> None:
    # given a vocabulary that knows the parts
    known = Vocabulary.from_words(["retour", "zending", "bezorging", "datum", "annulering"]).knows

    # then
    assert split_compound("annuleringskosten", known=known) == ("annulering", "kosten")
    assert split_compound("retourzending", known=known) == ("retour", "zending")
    assert split_compound("bezorgdatum", known=known) == ("bezorg", "datum")
    assert split_compound("retourverzendkosten", known=known) == ("retour", "verzend", "kosten")


def test_a_filler_noun_may_end_a_compound_and_adds_no_term() -> None:
    # given a vocabulary that knows the topic parts
    known = Vocabulary.from_words(["retour", "annulering", "verzend"]).knows

    # then "beleid"/"informatie" end a split, but never start one or stand alone as a term
    assert split_compound("retourbeleid", known=known) == ("retour", "beleid")
    assert split_compound("annuleringsbeleid", known=known) == ("annulering", "beleid")
    assert split_compound("verzendinformatie", known=known) == ("verzend", "informatie")
    assert split_compound("beleidretour", known=known) is None
    terms = analyze("retourbeleid", language="nl", vocabulary=Vocabulary.from_words(["retour"]))
    assert stem("retour", "nl") in terms
    assert stem("beleid", "nl") not in terms


def test_words_that_are_no_compounds_stay_whole() -> None:
    known = Vocabulary.from_words(["leren", "bestel", "goed"]).knows

    # "annu" and "ling" are no words; "onder" is a stopword; short words never split
    assert split_compound("annuleren", known=known) is None
    assert split_compound("bestelling", known=known) is None
    assert split_compound("ondergoed", known=known) is None
    assert split_compound("retour", known=known) is None


def test_policy_words_map_to_the_same_concept_across_languages() -> None:
    groups = {
        "card": ["amex", "creditcard", "mastercard"],
        "holiday": ["koningsdag", "feestdagen", "holidays", "christmas"],
        "instalments": ["instalments", "termijnen"],
        "furniture": ["sofa", "kledingkast", "tafel"],
        "large_appliance": ["fridge", "koelkast", "wasmachine"],
        "lingerie": ["bra", "beha", "bh"],
        "return": ["terugsturen", "retourneren", "retour", "return", "returned"],
        "cancel": ["annuleren", "geannuleerd", "stopzetten", "afzeggen", "cancel", "cancellation"],
        "refund": ["terugbetaling", "terugbetaald", "refund", "refunded"],
        "exchange": ["ruilen", "omruilen", "exchange", "swap"],
        "delivery": ["bezorging", "levering", "verzending", "delivery", "shipping"],
        "edit": ["wijzigen", "gewijzigd", "aanpassen", "change", "edit", "modify"],
        "size": ["maat", "maten", "size"],
        "colour": ["kleur", "colour", "color"],
    }
    for concept, words in groups.items():
        assert {w: concept in word_concepts(w) for w in words} == dict.fromkeys(words, True)


def test_dutch_verbs_in_eren_share_a_root_with_their_nouns_and_participles() -> None:
    family = ["repareren", "repareert", "gerepareerd", "reparatie", "reparaties", "repareerbaar"]
    assert {w: derivation_root(w, "nl") for w in family} == dict.fromkeys(family, "=repar")
    assert derivation_root("annulering", "nl") == derivation_root("annuleren", "nl") == "=annul"
    # too short a root to mean anything, another suffix, or English: no root
    assert derivation_root("leren", "nl") is None
    assert derivation_root("bezorging", "nl") is None
    assert derivation_root("registration", "en") is None


def test_a_question_verb_meets_its_noun_in_the_text() -> None:
    text_terms = analyze("Reparaties beginnen bij € 12,50.", language="nl")
    question = query_analyze(
        "Wat kost repareren?",
        language="nl",
        vocabulary=Vocabulary.from_words([]),
        index_terms=frozenset(text_terms),
    )

    assert "=repar" in text_terms
    assert ("=repar", 0.8) in {g.word: g.terms for g in question.groups}["repareren"]
    # "wat kost" asks about the cost: the cost word stays a term ("Kosten" in a heading)
    assert ("~cost", 1.0) in {g.word: g.terms for g in question.groups}["kost"]


def test_multi_word_phrases_match_with_words_between_them() -> None:
    assert analyze("Can I send them back?", language="en")[0] == "~return"
    assert "~refund" in analyze("Krijg ik mijn geld terug?", language="nl")
    assert "~return" in analyze("Hoe stuur ik het artikel terug?", language="nl")
    # the tightest phrase wins: "pay later with" is paying later, not a payment method
    assert "~payment_method" not in analyze("If you pay later with Klarna", language="en")


def test_typos_are_corrected_to_the_most_frequent_word_one_edit_away() -> None:
    vocabulary = Vocabulary.from_words(["annuleren", "annuleren", "annuleert", "bezorging"])

    assert vocabulary.correct("anuleren") == "annuleren"  # a letter missing
    assert vocabulary.correct("bezorgnig") == "bezorging"  # two letters swapped
    assert vocabulary.correct("annuleren") is None  # known
    assert vocabulary.correct("tset") is None  # shorter than five letters
    assert vocabulary.correct("xyzzyq") is None  # nothing close


def test_edit_distance_counts_swaps_as_one() -> None:
    assert osa_distance("retrun", "return") == 1
    assert osa_distance("refnud", "refund") == 1
    assert osa_distance("kitten", "sitting") == 3
    assert osa_distance("", "abc") == 3


def test_a_question_with_a_typo_gets_the_corrected_words_terms() -> None:
    # given an index that knows "return"
    vocabulary = Vocabulary.from_words(["return", "returns"])

    # when a shopper misspells it
    analysis = query_analyze(
        "retrun", language="en", vocabulary=vocabulary, index_terms=frozenset({"return"})
    )

    # then the typo counts (a little less than the word itself)
    assert analysis.groups[0].terms == (("retrun", 1.0), ("return", 0.8), ("~return", 0.8))


def test_a_question_is_grouped_by_word_and_phrase_without_stopwords() -> None:
    analysis = query_analyze(
        "How long do I have to send it back?",
        language="en",
        vocabulary=Vocabulary.from_words([]),
        index_terms=frozenset({"~return", "~duration"}),
    )

    assert [(g.word, g.terms) for g in analysis.groups] == [
        ("how long", (("~duration", 1.0), ("~period", 0.5), ("~time", 0.5))),
        ("send back", (("~return", 1.0), ("send", 0.5), ("back", 0.5))),
    ]


def test_language_is_guessed_from_function_words() -> None:
    assert language_guess("Hoe kan ik mijn bestelling annuleren?") == "nl"
    assert language_guess("How do I cancel my order?") == "en"
    assert language_guess("retour") is None


def test_generic_function_words_are_stopwords_in_questions() -> None:
    vocabulary = Vocabulary.from_words([])
    dutch = query_analyze(
        "hebben jullie dat vanuit nederland na een week",
        language="nl",
        vocabulary=vocabulary,
        index_terms=frozenset(),
    )
    english = query_analyze(
        "can I return stuff I tried on",
        language="en",
        vocabulary=vocabulary,
        index_terms=frozenset(),
    )

    assert [g.word for g in dutch.groups] == ["nederland", "week"]
    assert [g.word for g in english.groups] == ["return"]


def test_everyday_product_names_mean_an_item_in_both_languages() -> None:
    assert word_concepts("sweater") == ("item",)
    assert word_concepts("jumper") == ("item",)
    assert word_concepts("trui") == ("item",)
    assert word_concepts("ketting") == ("item",)
