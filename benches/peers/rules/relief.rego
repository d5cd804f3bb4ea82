# The "relief" workload (benches/relief/relief.pol) in Rego, for regorus.
# Money is computed in integer fen (the records give two decimals), so it is
# exact; the harness prints fen as yuan with two decimals.
package relief

import rego.v1

flags := [
	"有稳定收入",
	"经常使用家用轿车",
	"无正当理由拒绝就业",
	"赡养人未履行义务",
	"拒绝调查或隐瞒",
	"无理取闹",
	"自愿放弃或擅自离开",
]

excluded if {
	some f in flags
	input[f] == true
}

# "520.05" → 52005, in integers only: "1" is put before the cents so that
# "05" is read as 105 − 100 (to_number refuses a leading zero).
fen(s) := (to_number(parts[0]) * 100) + (to_number(concat("", ["1", parts[1]])) - 100) if {
	parts := split(s, ".")
}

months := 6 if input["极特殊困难"] == true

else := 3

decision := {"amount": 0, "clause": "第七条"} if excluded

else := {"amount": 0, "clause": "第十二条"} if input["本年已救助次数"] >= 2

else := {
	"amount": max([0, min([400000, 800000 - fen(input["本年已救助金额"])])]),
	"clause": "第六条第（二）项第1目",
} if input["困难类型"] == "重大损失"

else := {
	"amount": max([0, min([200000, 400000 - fen(input["本年已救助金额"])])]),
	"clause": "第六条第（二）项第2目",
} if input["困难类型"] == "入不敷出"

else := {
	"amount": (fen(input["低保标准"]) * input["家庭人口"]) * min([input["困难月数"], months]),
	"clause": "第六条第（一）项",
} if input["困难类型"] == "短期困难"

result := {
	"grant": decision.amount > 0,
	"amount": decision.amount,
	"clause": decision.clause,
}
