// kg's openCypher subset, after the openCypher 9 reference grammar
// (https://opencypher.org/resources/). Whitespace and comments are skipped by
// the lexer; keywords are case-insensitive. Generated at build time by
// antlr4 (-Dlanguage=Cpp -visitor -no-listener); only parser.cc includes the
// generated headers.
grammar Cypher;

cypher : statement ';'? EOF ;

statement : ( EXPLAIN | PROFILE )? query ;

query : singleQuery ( unionClause singleQuery )* ;

unionClause : UNION ALL? ;

singleQuery : clause+ ;

clause
  : matchClause
  | unwindClause
  | withClause
  | returnClause
  | createClause
  | mergeClause
  | deleteClause
  | setClause
  | removeClause
  | callClause
  ;

matchClause : OPTIONAL? MATCH pattern where? ;

unwindClause : UNWIND expression AS variable ;

createClause : CREATE pattern ;

mergeClause : MERGE patternPart ( ON ( MATCH | CREATE ) setClause )* ;

deleteClause : DETACH? DELETE expression ( ',' expression )* ;

setClause : SET setItem ( ',' setItem )* ;

setItem
  : propertyExpression '=' expression
  | variable '=' expression
  | variable '+=' expression
  | variable nodeLabels
  ;

removeClause : REMOVE removeItem ( ',' removeItem )* ;

removeItem : variable nodeLabels | propertyExpression ;

callClause : CALL procedureName ( '(' ( expression ( ',' expression )* )? ')' )? ( YIELD ( '*' | yieldItem ( ',' yieldItem )* ) where? )? ;

yieldItem : ( schemaName AS )? variable ;

procedureName : ( schemaName '.' )* schemaName ;

withClause : WITH projectionBody where? ;

returnClause : RETURN projectionBody ;

projectionBody : DISTINCT? projectionItems order? skip? limit? ;

projectionItems
  : '*' ( ',' projectionItem )*
  | projectionItem ( ',' projectionItem )*
  ;

projectionItem : expression ( AS variable )? ;

order : ORDER BY sortItem ( ',' sortItem )* ;

skip : SKIP_ expression ;

limit : LIMIT expression ;

sortItem : expression ( ASCENDING | ASC | DESCENDING | DESC )? ;

where : WHERE expression ;

pattern : patternPart ( ',' patternPart )* ;

patternPart : ( variable '=' )? anonymousPatternPart ;

anonymousPatternPart
  : shortestPathFunction '(' patternElement ')'
  | patternElement
  ;

shortestPathFunction : SHORTESTPATH | ALLSHORTESTPATHS ;

patternElement
  : nodePattern patternElementChain*
  | '(' patternElement ')'
  ;

nodePattern : '(' variable? nodeLabels? properties? ')' ;

patternElementChain : relationshipPattern nodePattern ;

relationshipPattern
  : leftArrow dash relationshipDetail? dash rightArrow
  | leftArrow dash relationshipDetail? dash
  | dash relationshipDetail? dash rightArrow
  | dash relationshipDetail? dash
  ;

leftArrow : '<' ;
rightArrow : '>' ;
dash : '-' ;

relationshipDetail : '[' variable? relationshipTypes? rangeLiteral? properties? ']' ;

properties : mapLiteral | parameter ;

relationshipTypes : ':' relTypeName ( '|' ':'? relTypeName )* ;

nodeLabels : nodeLabel+ ;

nodeLabel : ':' labelName ;

rangeLiteral : '*' integerLiteral? ( RANGE integerLiteral? )? ;

labelName : schemaName ;

relTypeName : schemaName ;

propertyExpression : atom propertyLookup+ ;

expression : orExpression ;

orExpression : xorExpression ( OR xorExpression )* ;

xorExpression : andExpression ( XOR andExpression )* ;

andExpression : notExpression ( AND notExpression )* ;

notExpression : NOT* comparisonExpression ;

comparisonExpression : predicateExpression ( comparisonOperator predicateExpression )* ;

comparisonOperator : '=' | '<>' | '<' | '>' | '<=' | '>=' ;

predicateExpression : addOrSubtractExpression predicateSuffix* ;

predicateSuffix
  : STARTS WITH addOrSubtractExpression        # StartsWithSuffix
  | ENDS WITH addOrSubtractExpression          # EndsWithSuffix
  | CONTAINS addOrSubtractExpression           # ContainsSuffix
  | '=~' addOrSubtractExpression               # RegexSuffix
  | IN addOrSubtractExpression                 # InSuffix
  | IS NULL_                                   # IsNullSuffix
  | IS NOT NULL_                               # IsNotNullSuffix
  ;

addOrSubtractExpression : multiplyDivideModuloExpression ( addOp multiplyDivideModuloExpression )* ;

addOp : '+' | '-' ;

multiplyDivideModuloExpression : powerOfExpression ( mulOp powerOfExpression )* ;

mulOp : '*' | '/' | '%' ;

powerOfExpression : unaryAddOrSubtractExpression ( '^' unaryAddOrSubtractExpression )* ;

unaryAddOrSubtractExpression
  : postfixExpression
  | ( '+' | '-' ) unaryAddOrSubtractExpression
  ;

postfixExpression : atom postfixOperator* nodeLabels? ;

postfixOperator
  : propertyLookup                                             # PropertyPostfix
  | '[' expression ']'                                         # IndexPostfix
  | '[' from=expression? RANGE to=expression? ']'              # SlicePostfix
  ;

propertyLookup : '.' propertyKeyName ;

atom
  : literal                                                    # LiteralAtom
  | parameter                                                  # ParameterAtom
  | caseExpression                                             # CaseAtom
  | COUNT '(' '*' ')'                                          # CountStarAtom
  | listComprehension                                          # ListComprehensionAtom
  | patternComprehension                                       # PatternComprehensionAtom
  | quantifierName '(' filterExpression ')'                    # QuantifierAtom
  | shortestPathFunction '(' patternElement ')'                # ShortestPathAtom
  | relationshipsPattern                                       # PatternPredicateAtom
  | EXISTS '{' ( pattern where? | singleQuery ) '}'            # ExistsSubqueryAtom
  | '(' expression ')'                                         # ParenthesizedAtom
  | functionInvocation                                         # FunctionAtom
  | variable mapProjection                                     # MapProjectionAtom
  | variable                                                   # VariableAtom
  ;

quantifierName : ALL | ANY | NONE | SINGLE ;

filterExpression : variable IN expression where? ;

listComprehension : '[' variable IN expression where? ( '|' expression )? ']' ;

patternComprehension : '[' ( variable '=' )? relationshipsPattern where? '|' expression ']' ;

relationshipsPattern : nodePattern patternElementChain+ ;

mapProjection : '{' ( mapProjectionItem ( ',' mapProjectionItem )* )? '}' ;

mapProjectionItem
  : propertyKeyName ':' expression
  | '.' propertyKeyName
  | variable
  | '.' '*'
  ;

caseExpression
  : CASE expression? caseAlternative+ ( ELSE expression )? END
  ;

caseAlternative : WHEN expression THEN expression ;

functionInvocation : functionName '(' DISTINCT? ( expression ( ',' expression )* )? ')' ;

functionName : ( schemaName '.' )* symbolicName | EXISTS ;

parameter : '$' ( symbolicName | DecimalInteger ) ;

literal
  : numberLiteral
  | StringLiteral
  | booleanLiteral
  | NULL_
  | mapLiteral
  | listLiteral
  ;

booleanLiteral : TRUE_ | FALSE_ ;

listLiteral : '[' ( expression ( ',' expression )* )? ']' ;

mapLiteral : '{' ( propertyKeyName ':' expression ( ',' propertyKeyName ':' expression )* )? '}' ;

numberLiteral : doubleLiteral | integerLiteral ;

integerLiteral : HexInteger | OctalInteger | DecimalInteger ;

doubleLiteral : ExponentDecimalReal | RegularDecimalReal ;

propertyKeyName : schemaName ;

variable : symbolicName ;

schemaName : symbolicName | reservedWord ;

symbolicName
  : UnescapedSymbolicName
  | EscapedSymbolicName
  | COUNT | ANY | NONE | SINGLE | FILTER | EXTRACT | SHORTESTPATH | ALLSHORTESTPATHS
  | EXPLAIN | PROFILE
  ;

reservedWord
  : ALL | ASC | ASCENDING | BY | CREATE | DELETE | DESC | DESCENDING | DETACH
  | EXISTS | LIMIT | MATCH | MERGE | ON | OPTIONAL | ORDER | REMOVE | RETURN
  | SET | SKIP_ | WHERE | WITH | UNION | UNWIND | AND | AS | CONTAINS | DISTINCT
  | ENDS | IN | IS | NOT | OR | STARTS | XOR | CASE | ELSE | END | WHEN | THEN
  | NULL_ | TRUE_ | FALSE_ | CALL | YIELD
  ;

// ---- Lexer ------------------------------------------------------------------

RANGE : '..' ;

EXPLAIN : E X P L A I N ;
PROFILE : P R O F I L E ;
UNION : U N I O N ;
ALL : A L L ;
OPTIONAL : O P T I O N A L ;
MATCH : M A T C H ;
UNWIND : U N W I N D ;
AS : A S ;
MERGE : M E R G E ;
ON : O N ;
CREATE : C R E A T E ;
SET : S E T ;
DETACH : D E T A C H ;
DELETE : D E L E T E ;
REMOVE : R E M O V E ;
CALL : C A L L ;
YIELD : Y I E L D ;
WITH : W I T H ;
RETURN : R E T U R N ;
DISTINCT : D I S T I N C T ;
ORDER : O R D E R ;
BY : B Y ;
SKIP_ : S K I P ;
LIMIT : L I M I T ;
ASCENDING : A S C E N D I N G ;
ASC : A S C ;
DESCENDING : D E S C E N D I N G ;
DESC : D E S C ;
WHERE : W H E R E ;
OR : O R ;
XOR : X O R ;
AND : A N D ;
NOT : N O T ;
STARTS : S T A R T S ;
ENDS : E N D S ;
CONTAINS : C O N T A I N S ;
IN : I N ;
IS : I S ;
NULL_ : N U L L ;
COUNT : C O U N T ;
ANY : A N Y ;
NONE : N O N E ;
SINGLE : S I N G L E ;
TRUE_ : T R U E ;
FALSE_ : F A L S E ;
EXISTS : E X I S T S ;
CASE : C A S E ;
ELSE : E L S E ;
END : E N D ;
WHEN : W H E N ;
THEN : T H E N ;
FILTER : F I L T E R ;
EXTRACT : E X T R A C T ;
SHORTESTPATH : S H O R T E S T P A T H ;
ALLSHORTESTPATHS : A L L S H O R T E S T P A T H S ;

HexInteger : '0x' HexDigit+ ;
OctalInteger : '0o' OctDigit+ ;
DecimalInteger : Digit+ ;

ExponentDecimalReal : ( Digit+ | Digit+ '.' Digit+ | '.' Digit+ ) E '-'? Digit+ ;
RegularDecimalReal : Digit* '.' Digit+ ;

StringLiteral
  : '"' ( ~["\\] | EscapedChar )* '"'
  | '\'' ( ~['\\] | EscapedChar )* '\''
  ;

fragment EscapedChar : '\\' . ;

UnescapedSymbolicName : IdentifierStart IdentifierPart* ;
EscapedSymbolicName : ( '`' ~[`]* '`' )+ ;

fragment IdentifierStart : [a-zA-Z_] | [\u00C0-\uFFFE] ;
fragment IdentifierPart : [a-zA-Z_0-9] | [\u00C0-\uFFFE] ;

WS : [ \t\r\n\u000B\u000C\u00A0\u2000-\u200A\u2028\u2029\u3000]+ -> skip ;
LineComment : '//' ~[\r\n]* -> skip ;
BlockComment : '/*' .*? '*/' -> skip ;

// Anything else is one token the parser will reject with a position.
ErrorChar : . ;

fragment HexDigit : [0-9a-fA-F] ;
fragment OctDigit : [0-7] ;
fragment Digit : [0-9] ;
fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ;
fragment E : [eE] ; fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ;
fragment I : [iI] ; fragment J : [jJ] ; fragment K : [kK] ; fragment L : [lL] ;
fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ; fragment P : [pP] ;
fragment Q : [qQ] ; fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ;
fragment U : [uU] ; fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ;
fragment Y : [yY] ; fragment Z : [zZ] ;
