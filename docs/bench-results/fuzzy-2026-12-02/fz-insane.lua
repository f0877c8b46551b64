-- wrk script: GET /v1/words/insane/fuzzy for 16 misspelled words in turn, distance 2, limit 10
local words = {"speling","recieve","wrod","internationl","acommodate","definately","seperate","occured","untill","beleive","tommorow","goverment","enviroment","knowlege","wierd","truely"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/v1/words/insane/fuzzy?word=" .. words[(i % #words) + 1] .. "&distance=2&limit=10")
end
