/// Closed-class equivalents every Indonesian–English alignment needs and the bundled word list
/// lacks or buries: months, weekdays, number words, news verbs of saying. Written for Padan.
public enum BuiltinLexicon {
    public static var indonesianEnglish: Lexicon {
        var lexicon = Lexicon(foreignLanguage: "id", pivotLanguage: "en")
        lexicon.addTSV(data)
        return lexicon
    }

    static let data = """
        januari\tjanuary
        januari\tjan
        februari\tfebruary
        februari\tfeb
        maret\tmarch
        april\tapril
        mei\tmay
        juni\tjune
        juli\tjuly
        agustus\taugust
        agustus\taug
        september\tseptember
        september\tsept
        oktober\toctober
        oktober\toct
        november\tnovember
        november\tnov
        desember\tdecember
        desember\tdec
        senin\tmonday
        selasa\ttuesday
        rabu\twednesday
        kamis\tthursday
        jumat\tfriday
        sabtu\tsaturday
        minggu\tsunday
        minggu\tweek
        ahad\tsunday
        pekan\tweek
        satu\tone
        dua\ttwo
        tiga\tthree
        empat\tfour
        lima\tfive
        enam\tsix
        tujuh\tseven
        delapan\teight
        sembilan\tnine
        sepuluh\tten
        ratus\thundred
        ribu\tthousand
        juta\tmillion
        miliar\tbillion
        triliun\ttrillion
        persen\tpercent
        tahun\tyear
        bulan\tmonth
        hari\tday
        jam\thour
        menit\tminute
        presiden\tpresident
        menteri\tminister
        pemerintah\tgovernment
        negara\tcountry
        kota\tcity
        katakan\tsay
        ungkap\tsay
        jelas\texplain
        lapor\treport
        AS\tU.S.
        Amerika Serikat\tUnited States
        Amerika Serikat\tU.S.
        Inggris\tBritain
        Inggris\tEnglish
        Tiongkok\tChina
        China\tChina
        Rusia\tRussia
        Jepang\tJapan
        Jerman\tGermany
        Prancis\tFrance
        PBB\tU.N.
        PBB\tUnited Nations
        """
}
